// shard_load.hpp — the bulk load of an empty database: shards written in parallel, merged at the end.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "indexer/readers/reader.hpp"
#include "indexer/summary.hpp"

namespace veille {

class Enricher;

/// Xapian has one writer per database, and writing is most of an indexing run's work. An empty
/// database is therefore built as `shards` databases, each written by its own thread (analysis
/// included), in a hidden directory next to it; finish() merges them with Xapian's compaction, which
/// also leaves the database about half the size of one written article by article, and puts the
/// result in place. A shard is itself a series of segments, each closed after 64 MiB of text
/// (VEILLE_SEGMENT_BYTES), because a Xapian database gets slower to write as it grows; the merge reads
/// every segment. A new id goes to the least-loaded shard and a repeated id to the shard of its
/// earlier version, which it replaces there (in whichever segment holds it), as in a single database.
/// Nothing is visible to searchers before finish().
class ShardedLoad {
public:
    /// `reject` is called on the caller's thread (from push() and finish()) for every record that
    /// could not be indexed. Shards are unsynced scratch databases committed in small batches, or
    /// sooner once one holds its share of the writer's flush threshold.
    ShardedLoad(std::string db, unsigned shards, const Enricher& enricher, std::string salt,
                std::function<void(Rejected&&)> reject);
    ~ShardedLoad();
    ShardedLoad(const ShardedLoad&) = delete;
    ShardedLoad& operator=(const ShardedLoad&) = delete;

    /// Hands one record read from `file` to its shard (blocks while that shard is far behind).
    void push(Record&& record, const std::string& file);
    /// Articles written so far, all shards together.
    [[nodiscard]] std::size_t done() const;
    /// Waits for every shard, merges them into the database and adds their counts to `summary`.
    /// `release_target` is called just before the merged database replaces the (empty) target, to
    /// close the caller's handle on it. Throws DatabaseError naming the path on failure.
    void finish(Summary& summary, const std::function<void()>& release_target);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace veille
