// french.cpp — elisions and stemming.
#include "common/analysis/french.hpp"

#include <xapian.h>

#include "common/analysis/lexicon.hpp"
#include "common/analysis/normalizer.hpp"

namespace veille {

std::size_t elided_prefix_length(std::string_view surface, const Lexicon& lexicon) {
    // The head of an elision is at most 7 letters (« quoiqu »), so look for an apostrophe early on.
    for (std::size_t i = 1; i < surface.size() && i <= 8; ++i) {
        const std::size_t n = apostrophe_length(surface, i);
        if (n == 0) continue;
        if (i + n >= surface.size()) return 0;
        const std::string head = fold_accents(normalize_exact(surface.substr(0, i)));
        if (!lexicon.is_elision(head)) return 0;
        if (lexicon.may_own_apostrophe(head) && lexicon.owns_apostrophe(fold_accents(normalize_exact(surface)))) return 0;
        return i + n;
    }
    return 0;
}

std::size_t possessive_suffix_length(std::string_view surface) {
    if (surface.size() < 3) return 0;
    const char last = surface.back();
    if (last != 's' && last != 'S') return 0;
    for (std::size_t n : {1u, 2u, 3u}) {
        if (surface.size() < n + 2) continue;
        if (apostrophe_length(surface, surface.size() - 1 - n) == n) return n + 1;
    }
    return 0;
}

std::string french_stem(const std::string& folded) {
    thread_local Xapian::Stem stemmer("french");
    return stemmer(folded);
}

}  // namespace veille
