// token_units.hpp — analysed query text grouped into units (a word, or a compound/name over its parts),
// the one grouping both query building and synonym keys use, so that their keys always agree.
#pragma once
#include <vector>

#include "common/analysis/analyzer.hpp"

namespace veille {

/// A word, or a compound/name (`whole`) replacing the word tokens it covers (`parts`, stop words included).
struct TokenUnit {
    const Token* token = nullptr;        ///< the word, or the compound/name
    bool whole = false;                  ///< token is a compound or a name
    std::vector<const Token*> parts;     ///< its word parts when whole
};

/// Units of `tokens` (which must outlive them), in order. Stop words outside compounds/names are left
/// out unless every token is a stop word (`all_stop`).
struct TokenUnits {
    std::vector<TokenUnit> units;
    bool all_stop = false;
};
TokenUnits group_tokens(const std::vector<Token>& tokens);

}  // namespace veille
