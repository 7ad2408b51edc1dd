// snippets.hpp — best passages of an article with the query's words highlighted as written in the text.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "searcher/query/highlights.hpp"

namespace veille {

class Analyzer;

/// Up to `passages` windows of about `window_words` words of `text` holding the most distinct query
/// words, joined by " … ", with each match wrapped in kMarkOpen/kMarkClose (searcher/request.hpp).
/// Stop words are never highlighted. Falls back to the text's opening when nothing matches.
std::string make_snippet(std::string_view text, const HighlightTerms& terms, const Analyzer& analyzer,
                         std::size_t window_words = 30, std::size_t passages = 2);

}  // namespace veille
