// snippets.hpp — best passages of an article with the query's words highlighted as written in the text.
#pragma once
#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace veille {

class Analyzer;

/// What a query asks for, in analyzer forms, so highlights match however the word is written
/// (« l’IA » for « ia », « sécurités » for « securite »).
struct HighlightTerms {
    std::set<std::string> stems;   ///< Token::stem of query words (stop words excluded)
    std::set<std::string> wholes;  ///< Token::folded of query compounds and names (« mistral ai », « opensource »)
    std::set<std::string> prefixes;  ///< folded prefixes of prefix searches: « intel* » → « intel »
    [[nodiscard]] bool empty() const { return stems.empty() && wholes.empty() && prefixes.empty(); }
};

/// Up to `passages` windows of about `window_words` words of `text` holding the most distinct query
/// words, joined by " … ", with each match wrapped in kMarkOpen/kMarkClose (searcher/request.hpp).
/// Stop words are never highlighted. Falls back to the text's opening when nothing matches.
std::string make_snippet(std::string_view text, const HighlightTerms& terms, const Analyzer& analyzer,
                         std::size_t window_words = 30, std::size_t passages = 2);

}  // namespace veille
