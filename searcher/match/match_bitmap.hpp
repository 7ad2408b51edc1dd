// match_bitmap.hpp — the match set of a boolean query as a bitmap of document ids, read from the
// posting lists directly.
#pragma once
#include <bit>
#include <cstdint>
#include <optional>
#include <vector>

#include <xapian.h>

namespace veille {

/// A set of document ids, one bit each.
class DocBitmap {
public:
    explicit DocBitmap(Xapian::docid last) : words_(last / 64 + 1, 0) {}
    void set(Xapian::docid did) { words_[did / 64] |= std::uint64_t{1} << (did % 64); }
    void unite(const DocBitmap& other);
    void intersect(const DocBitmap& other);
    void subtract(const DocBitmap& other);
    [[nodiscard]] std::size_t count() const;
    /// Calls f(docid) for each id in the set, in increasing order.
    template <typename F>
    void each(F&& f) const {
        for (std::size_t w = 0; w < words_.size(); ++w)
            for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1)
                f(static_cast<Xapian::docid>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
    }

private:
    std::vector<std::uint64_t> words_;
};

/// The documents of `db` matching `query`, when it is made of terms joined by OR, SYNONYM, AND,
/// FILTER and AND_NOT (what match_set_only() leaves of word queries and facet filters), possibly
/// OR'ed with other operators (a synonym's phrase), whose matches are collected by the matcher;
/// nullopt when another operator sits under an AND, where the matcher is the cheaper way.
/// Each posting list is read through once and the lists combined as bitmaps: a fraction of the cost
/// of Xapian's matcher visiting every match (« fichier de configuration », 34,000 matches at
/// 100,000 articles: 2.5 ms through the matcher, 0.8 ms as a bitmap).
std::optional<DocBitmap> match_bitmap(const Xapian::Database& db, const Xapian::Query& query);

}  // namespace veille
