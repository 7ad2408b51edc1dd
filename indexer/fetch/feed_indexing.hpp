// feed_indexing.hpp — veille-index --feeds: fetch each listed feed and index its items (and, with
// --fetch-pages, their pages) through the indexing run, recording each feed's state with its items.
#pragma once
#include <functional>
#include <string>

#include "indexer/options.hpp"
#include "indexer/summary.hpp"

namespace veille {

class BatchWriter;

/// How feed items enter the indexing run (pipeline.cpp provides these).
struct FeedRunHooks {
    /// Hands one record to analysis and writing; `origin` names it in messages (the feed URL).
    std::function<void(Record&&, const std::string& origin)> push;
    /// Returns once every record pushed so far has been written to the database (not committed).
    std::function<void()> settle;
    /// Reports a rejected record: one stderr line, counted in the summary (exit 3).
    std::function<void(Rejected&&)> reject;
};

/// Fetches the feeds listed in opt.feeds_file, one request at a time, and indexes their items.
/// A bad line of the list goes to hooks.reject (« feeds.txt:3: not an http(s) URL: 'ftp://…' »).
/// A feed that cannot be read (DNS, HTTP error, timeout, size cap, redirect loop, invalid XML) is one
/// stderr line « veille-index: URL: reason » and a FeedOutcome with an error; the other feeds go on.
/// A feed's ETag / Last-Modified is set in the database after its items are written, so the commit
/// that stores it also stores them. Throws InputError when the list cannot be read, and on the first
/// failed feed when opt.on_error is Fail; DatabaseError on database failures.
void index_feeds(const IndexOptions& opt, BatchWriter& writer, const FeedRunHooks& hooks, Summary& summary);

}  // namespace veille
