// fnv1a.hpp — FNV-1a, 64 bits: the one stable hash of bytes for what goes on disk (shard of an id,
// content hash, feed keys, story signatures), fixed by its definition rather than by the compiler or
// platform, as std::hash is not.
#pragma once
#include <cstdint>
#include <string_view>

namespace veille {

/// FNV-1a's offset basis, as its definition gives it (shard of an id).
inline constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
/// The basis the content hash, the feed keys and the story signatures were first written with: the
/// standard one's decimal digits without the last (14695981039346656037 → 1469598103934665603). As
/// well spread, and their values are on disk (a changed content hash re-indexes every article, a
/// changed feed key forgets its ETag), so they keep it.
inline constexpr std::uint64_t kStoredHashBasis = 1469598103934665603ULL;

/// FNV-1a fed piece by piece: Fnv1a().add("ab").value() == fnv1a("ab"); add_byte() puts a separator
/// between pieces, so that (« ab », « c ») and (« a », « bc ») differ.
class Fnv1a {
public:
    explicit Fnv1a(std::uint64_t basis = kFnvOffsetBasis) : h_(basis) {}
    Fnv1a& add_byte(unsigned char c) {
        h_ ^= c;
        h_ *= 0x100000001b3ULL;  // FNV prime
        return *this;
    }
    Fnv1a& add(std::string_view bytes) {
        for (const char c : bytes) add_byte(static_cast<unsigned char>(c));
        return *this;
    }
    [[nodiscard]] std::uint64_t value() const { return h_; }

private:
    std::uint64_t h_;
};

/// FNV-1a of `bytes`: fnv1a("") = 0xcbf29ce484222325, fnv1a("a") = 0xaf63dc4c8601ec8c.
inline std::uint64_t fnv1a(std::string_view bytes) { return Fnv1a().add(bytes).value(); }

}  // namespace veille
