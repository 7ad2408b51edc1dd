// highlights.hpp — HighlightTerms: the forms of a query's words that the snippets highlight.
#pragma once
#include <set>
#include <string>

namespace veille {

/// What a query asks for, in analyzer forms, so highlights match however the word is written
/// (« l’IA » for « ia », « sécurités » for « securite »).
struct HighlightTerms {
    std::set<std::string> stems;   ///< Token::stem of query words (stop words excluded)
    std::set<std::string> wholes;  ///< Token::folded of query compounds and names (« mistral ai », « opensource »)
    std::set<std::string> prefixes;  ///< folded prefixes of prefix searches: « intel* » → « intel »
    [[nodiscard]] bool empty() const { return stems.empty() && wholes.empty() && prefixes.empty(); }
};

}  // namespace veille
