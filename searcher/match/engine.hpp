// engine.hpp — Engine: opens the database and runs a SearchRequest (match, ranking, facets, snippets, suggestion).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/database.hpp"

#include "searcher/match/deadline.hpp"
#include "searcher/match/facets.hpp"
#include "searcher/match/helper_thread.hpp"
#include "searcher/match/ranking.hpp"
#include "searcher/request.hpp"

namespace veille {

class QueryParser;

/// A read-only view of a veille database, or of several shards searched as one (same results as
/// one database holding their articles). Reopens itself when an indexer commits meanwhile.
class Engine {
public:
    /// Opens `paths` as open_shards() does (databases, stub files, --shards directories); throws
    /// DatabaseError (missing, not a veille database, wrong schema) naming the shard.
    /// `shards`: how remote shards are waited for, and whether a search goes on without one that
    /// fails (SearchResult::partial, a notice naming it).
    explicit Engine(std::vector<std::string> paths, RankingParams params = {}, ShardOptions shards = {});
    /// One database.
    explicit Engine(std::string path, RankingParams params = {});
    ~Engine();

    /// Runs a search; throws QueryError (exit 2) for a query that cannot be parsed.
    SearchResult search(const SearchRequest& request);
    /// The stored article with this id, if any.
    std::optional<Article> article(const std::string& id);
    /// Number of articles.
    [[nodiscard]] Xapian::doccount size() const;
    [[nodiscard]] const RankingParams& params() const { return params_; }
    /// The paths for messages (« a.stub, b.db »).
    [[nodiscard]] const std::string& path() const { return path_; }
    /// The underlying database, all shards (suggestions, tests).
    [[nodiscard]] const Xapian::Database& database() const { return db_.all; }

private:
    SearchResult search_once(const SearchRequest& request, const Deadline& deadline);
    bool reopen();
    void open_shards_again();
    std::string failed_shards(const Xapian::NetworkError& e) const;

    std::vector<std::string> paths_;
    ShardOptions shard_options_;
    std::string path_;
    RankingParams params_;
    ShardedDatabase db_;
    ShardedDatabase count_db_;  // a second handle: counting runs on another thread (handles are not thread-safe)
    std::unique_ptr<QueryParser> parser_;
    std::vector<FacetColumn> columns_;  // one per kFacetFields entry, kept between searches
    bool shards_failed_ = false;        // a remote shard failed: open them again before the next search
    HelperThread helper_;  // last: destroyed first, while what its tasks use still exists
};

}  // namespace veille
