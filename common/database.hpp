// database.hpp — opening a veille database (one, or several shards searched as one) for reading, and
// finding an article in it by id.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/article.hpp"

namespace veille {

/// Files veille keeps in a database directory beside Xapian's own: the saved searches of
/// `veille-search watch` and their lock (searcher/watch/watch_store.cpp). A bulk load, which puts a
/// merged directory in place of an empty database, carries them over (indexer/shard_load.cpp).
inline constexpr std::string_view kWatchStateFile = "watches.json";
inline constexpr std::string_view kWatchLockFile = "watches.lock";
inline constexpr std::string_view kCompanionFiles[] = {kWatchStateFile, kWatchLockFile};

/// Opens the database at `path` for reading and checks its schema version. Throws DatabaseError
/// naming `path`: « veille.db: no such database (create it with: veille-index --db veille.db PATH...) ».
Xapian::Database open_database(const std::string& path);

/// Several databases searched as one: `all` holds every shard (Xapian interleaves their document
/// ids: shard k of n has ids k+1, n+k+1, …), `shards` the same shards one by one, sharing their
/// state with `all` (reopening one reopens the other).
struct ShardedDatabase {
    Xapian::Database all;
    std::vector<Xapian::Database> shards;
    std::vector<std::string> names;  ///< per shard: its path, or « HOST:PORT (stub:line) »
    std::size_t remote = 0;          ///< how many shards are served by xapian-tcpsrv
    /// With ShardOptions::allow_partial: « HOST:PORT (stub:line): reason » per remote shard left out.
    std::vector<std::string> missing;

    /// Each shard's revision, or 0 for a shard that does not say; equal vectors = the same state.
    [[nodiscard]] std::vector<Xapian::rev> revisions() const;
};

/// Default bound, in milliseconds, on connecting to a remote shard and on each of its answers (--timeout).
inline constexpr unsigned kRemoteTimeoutMs = 10000;

/// How remote shards are opened.
struct ShardOptions {
    unsigned timeout_ms = kRemoteTimeoutMs;  ///< bound on connecting and on each answer
    bool allow_partial = false;              ///< a remote shard that fails is left out (ShardedDatabase::missing)
};

/// Opens each of `paths` as one or more shards: a veille database directory; a Xapian stub file
/// (`auto PATH`, `remote HOST:PORT` lines, see stub_file.hpp); or a directory written by
/// veille-index --shards, whose veille.stub is read. Every shard's schema version is checked.
/// Throws DatabaseError naming the shard that cannot be opened (with options.allow_partial, only
/// when no shard at all can be).
ShardedDatabase open_shards(const std::vector<std::string>& paths, const ShardOptions& options = {});

/// The paths for messages: « a.db » or « a.stub, b.db ».
std::string describe_paths(const std::vector<std::string>& paths);

/// The stored article whose id is `id` (its Q term), or nullopt. Xapian errors pass through, so that
/// a caller can reopen on Xapian::DatabaseModifiedError.
std::optional<Article> find_article(const Xapian::Database& db, std::string_view id);

}  // namespace veille
