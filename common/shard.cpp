// shard.cpp — FNV-1a (common/text/fnv1a.hpp): tiny, byte-order independent and well spread on short
// strings such as ids and URLs; its modulo N is the partition (issue 20). Changing it moves articles:
// it is part of the format.
#include "common/shard.hpp"

#include <charconv>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/text/fnv1a.hpp"

namespace veille {

std::uint64_t id_hash(std::string_view id) {
    // Hash what identifies the article in a database: two ids whose Q terms are the same replace each
    // other there, so they must land in the same shard.
    const std::string term = id_term(id);
    const std::string_view stored = std::string_view(term).substr(prefix::kId.size());
    return fnv1a(stored);
}

unsigned shard_of(std::string_view id, unsigned count) {
    return count <= 1 ? 0 : static_cast<unsigned>(id_hash(id) % count);
}

std::string ShardSpec::text() const { return std::to_string(index) + "/" + std::to_string(count); }

ShardSpec parse_shard_spec(std::string_view text) {
    const auto bad = [&] {
        return UsageError("--shard expects I/N with 0 <= I < N <= " + std::to_string(kMaxShards) + ", got '" +
                          std::string(text) + "'");
    };
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) throw bad();
    ShardSpec spec;
    const auto parse = [&](std::string_view part, unsigned& out) {
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        if (ec != std::errc() || end != part.data() + part.size() || part.empty()) throw bad();
    };
    parse(text.substr(0, slash), spec.index);
    parse(text.substr(slash + 1), spec.count);
    if (spec.count == 0 || spec.count > kMaxShards || spec.index >= spec.count) throw bad();
    return spec;
}

}  // namespace veille
