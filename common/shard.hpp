// shard.hpp — which shard of N an article belongs to: a stable hash of its id, the same on every machine.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace veille {

/// Metadata key holding "I/N" in a shard written by --shard or --shards, checked when writing again.
inline constexpr std::string_view kShardKey = "veille:shard";

/// FNV-1a, 64 bits, of the bytes of `id` as stored (the UTF-8 id cut like its Q term, id_term()):
/// fixed by this definition, not by the compiler or platform (std::hash is neither).
/// id_hash("") = 0xcbf29ce484222325, id_hash("a") = 0xaf63dc4c8601ec8c.
std::uint64_t id_hash(std::string_view id);

/// The shard of `id` among `count` shards: id_hash(id) % count.
unsigned shard_of(std::string_view id, unsigned count);

/// Shard I of N, as given to veille-index --shard I/N (0 ≤ I < N).
struct ShardSpec {
    unsigned index = 0;
    unsigned count = 1;
    /// True when the article with this id belongs to this shard.
    [[nodiscard]] bool owns(std::string_view id) const { return shard_of(id, count) == index; }
    /// "I/N": « 1/3 ».
    [[nodiscard]] std::string text() const;
};

/// The most shards veille-index splits into (--shard, --shards).
inline constexpr unsigned kMaxShards = 1024;

/// Parses "I/N" (« 1/3 »); throws UsageError quoting the bad value unless 0 ≤ I < N ≤ kMaxShards.
ShardSpec parse_shard_spec(std::string_view text);

}  // namespace veille
