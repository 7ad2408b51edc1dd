// query_recovery.hpp — the lenient reading: what the parser does with syntax a person did not mean.
#pragma once
#include <vector>

#include "searcher/query/query_lexer.hpp"

namespace veille {

class QueryError;

/// Repairs the lexeme that `error` points at, and notes what it did: an operator with nothing to
/// join or a parenthesis without its pair is dropped, a field value that is not one (« date:demain »)
/// becomes a word, a misplaced « * » goes. False when the error names no lexeme it knows how to repair.
bool repair_syntax(std::vector<Lexeme>& lexemes, const QueryError& error, std::vector<QueryNotice>& notices);

/// The last resort: every lexeme a plain word (operators and parentheses dropped, fields and phrases
/// read as their text), so parsing cannot fail.
void read_as_words(std::vector<Lexeme>& lexemes, std::vector<QueryNotice>& notices);

}  // namespace veille
