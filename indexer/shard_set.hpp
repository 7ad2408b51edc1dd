// shard_set.hpp — the databases one indexing run writes: one, one shard of a partition (--shard I/N),
// or every shard of it in one directory (--shards N).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/options.hpp"
#include "indexer/writer.hpp"

namespace veille {

/// Opens the run's writers from `opt`:
/// - plain --db DIR: one database;
/// - --db DIR --shard I/N: one database holding shard I of N, marked « I/N » (metadata kShardKey) on
///   its first write; writing into it again needs the same --shard, and a database marked otherwise
///   or holding unmarked articles is refused, so that shards never mix;
/// - --db DIR --shards N: DIR/shard-0 … DIR/shard-(N-1), each marked « k/N », and DIR/veille.stub
///   (written by finish()), the file veille-search --db takes. DIR must be new, empty, or written by
///   --shards with the same N.
/// Throws DatabaseError naming the database or directory.
class ShardSet {
public:
    ShardSet(const IndexOptions& opt, std::size_t batch_size);
    ~ShardSet();
    ShardSet(const ShardSet&) = delete;
    ShardSet& operator=(const ShardSet&) = delete;

    /// The writer of the database that holds article `id` (with --shard, the one database: callers
    /// skip ids it does not own before asking).
    BatchWriter& writer_for(std::string_view id);
    /// The first (with one database, the only) writer.
    BatchWriter& front() { return *writers_.front(); }
    [[nodiscard]] std::size_t size() const { return writers_.size(); }
    /// Commits every writer.
    void commit();
    /// Commits every writer and, with --shards, writes DIR/veille.stub.
    void finish();
    /// Marks database `path` (just replaced by a bulk load, which drops metadata) as shard opt.shard.
    static void mark_after_bulk_load(const std::string& path, const ShardSpec& spec);

private:
    const IndexOptions& opt_;
    std::vector<std::unique_ptr<BatchWriter>> writers_;
};

}  // namespace veille
