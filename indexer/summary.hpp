// summary.hpp — what an indexing run did: counts, rejected records, one-line messages, --json summary, progress bar.
#pragma once
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "indexer/readers/reader.hpp"

namespace veille {

/// What fetching one feed of --feeds did.
struct FeedOutcome {
    std::string url;
    long status = 0;                   ///< HTTP status of the feed request, 0 when none came
    std::size_t new_items = 0;         ///< items newly indexed from it
    std::optional<std::string> error;  ///< why the feed could not be read (none for a 304)
};

/// Counts of one run; printed as text or as the README's JSON summary.
struct Summary {
    std::size_t indexed = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t deleted = 0;
    std::size_t rejected = 0;
    /// --shard I/N: articles and --delete ids that belong to another shard, left out (not an error).
    std::size_t other_shard = 0;
    bool sharded = false;  ///< --shard or --shards was given: other_shard is printed
    std::vector<Rejected> errors;
    double seconds = 0;
    std::size_t bytes = 0;  ///< text bytes read (title + body)
    bool fetched_feeds = false;       ///< --feeds was given: the JSON gets its "feeds" array
    std::vector<FeedOutcome> feeds;   ///< in list order

    /// Feeds that could not be read (each is also one line on stderr).
    [[nodiscard]] std::size_t failed_feeds() const;
};

/// "file:line: reason" (line omitted when 0).
std::string format_rejected(const Rejected& r);
/// {"indexed":N,"updated":N,"unchanged":N,"deleted":N,"rejected":N,"errors":[{"file","line","reason"}],
///  "feeds":[{"url","status","new","error"}] (only with --feeds),"seconds":F},
/// with "other_shard":N after "rejected" when the run was sharded.
std::string summary_json(const Summary& s);
/// One human line: "indexed 160, updated 0, unchanged 0, deleted 0, rejected 0 in 0.42 s (380 articles/s, 2.1 MB/s)";
/// sharded: "…, rejected 0, other shards 107 in …"; with --feeds, "…, feeds 12 (1 failed) in …".
std::string summary_text(const Summary& s);

/// A progress line on stderr, redrawn at most 10 times a second; silent unless stderr is a terminal.
class Progress {
public:
    explicit Progress(std::size_t total_bytes);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    /// Reports the articles done and input bytes consumed so far.
    void update(std::size_t articles, std::size_t bytes);
    /// Clears the line.
    void finish();

private:
    bool enabled_;
    bool drawn_ = false;
    std::size_t total_;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace veille
