// query_lexer.hpp — query text → lexemes: words, "phrases", field:value, parentheses, operators
// (AND OR NOT NEAR, and ET OU SAUF: upper case only), +/-/= signs, each with its column.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace veille {

enum class Lex { Word, Phrase, Field, LParen, RParen, And, Or, Not, Near, End };

struct Lexeme {
    Lex kind = Lex::End;
    std::string text;   ///< word, phrase content, or field value
    std::string field;  ///< for Field
    char sign = 0;      ///< '+', '-', '=' or 0
    std::size_t column = 0;  ///< 1-based, in characters
    unsigned near_window = 10;
};

/// What a lenient reading did with syntax a person did not mean, for the answer's notices:
/// « colonne 12 : parenthèse fermante sans ouverture, ignorée ».
struct QueryNotice {
    std::size_t column = 0;  ///< 1-based; 0 when the notice is about the whole query
    std::string text;        ///< French, one line
    [[nodiscard]] std::string line() const;
};

/// The lexemes of `query`, ending with an End lexeme. Operators are upper-case words only: « Macron
/// et Elton John » is four words, « Macron ET John » an AND. In a query written all in capitals
/// (a headline), ET, OU and SAUF are words. `strict`: a dangling sign, an empty field value or a
/// bad NEAR/n window throws QueryError (with column); otherwise each is read as words and noted
/// in `notices`, and an unclosed quote is ignored instead of running to the end of the query.
std::vector<Lexeme> lex_query(std::string_view query, bool strict, std::vector<QueryNotice>& notices);

}  // namespace veille
