// words.hpp — internals shared by the analyzer and the lexicon (not part of the public analysis API).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/analyzer.hpp"

namespace veille::detail {

/// Word tokens only (no compounds, no names): the lexicon analyses its names with this.
std::vector<Token> analyze_words(std::string_view text, const Lexicon& lexicon);
/// Drops this thread's memo of word forms (after the lexicon changed what they depend on).
void forget_word_forms();

}  // namespace veille::detail
