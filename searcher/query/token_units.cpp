// token_units.cpp — a compound or name comes right after its first part (same position) and covers
// `span` positions; the widest one wins.
#include "searcher/query/token_units.hpp"

#include <algorithm>

namespace veille {

TokenUnits group_tokens(const std::vector<Token>& tokens) {
    TokenUnits out;
    out.all_stop = std::all_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.stopword; });
    for (std::size_t i = 0; i < tokens.size();) {
        const Token& t = tokens[i];
        const Token* whole = nullptr;
        for (std::size_t k = i + 1; k < tokens.size() && tokens[k].position == t.position; ++k)
            if (!is_word(tokens[k]) && (!whole || tokens[k].span > whole->span)) whole = &tokens[k];
        if (whole) {
            TokenUnit unit{whole, true, {}};
            std::size_t k = i;
            for (; k < tokens.size() && tokens[k].position < t.position + whole->span; ++k)
                if (is_word(tokens[k])) unit.parts.push_back(&tokens[k]);
            out.units.push_back(std::move(unit));
            i = k;
            continue;
        }
        ++i;
        if (!is_word(t) || (t.stopword && !out.all_stop)) continue;
        out.units.push_back({&t, false, {}});
    }
    return out;
}

}  // namespace veille
