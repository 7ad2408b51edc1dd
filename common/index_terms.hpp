// index_terms.hpp — which index terms an analysed token becomes, for the indexer and --analyze alike.
#pragma once
#include <string>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"

namespace veille {

/// Where the tokens come from: a title's words also get ZS terms (title boost, title:).
enum class TextField { Title, Body };

/// Longest term written (Xapian refuses terms over 245 bytes); longer terms are left out.
inline constexpr std::size_t kMaxTermBytes = 240;

/// Adds the terms of `tokens` to `doc`: words get a positional stem (at `offset` + position), the
/// exact form and, when it differs, the folded form; stop words get nothing but keep their
/// position; compounds and names get their terms without positions.
/// « la sécurité » in a title → ZSsecur@2, Zsecur@2, Esécurité, securite.
void add_index_terms(Xapian::Document& doc, const std::vector<Token>& tokens, Xapian::termpos offset,
                     TextField field);

/// The terms one token becomes in `field`, in the order add_index_terms() writes them (no positions):
/// « sécurité » in the body → {Zsecur, Esécurité, securite}; a stop word → {}.
std::vector<std::string> index_terms(const Token& token, TextField field);

}  // namespace veille
