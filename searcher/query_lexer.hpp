// query_lexer.hpp — query text → lexemes: words, "phrases", field:value, parentheses, operators
// (AND OR NOT NEAR, and et / ou / sauf outside questions), +/-/= signs, each with its column.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace veille {

class Analyzer;

enum class Lex { Word, Phrase, Field, LParen, RParen, And, Or, Not, Near, End };

struct Lexeme {
    Lex kind = Lex::End;
    std::string text;   ///< word, phrase content, or field value
    std::string field;  ///< for Field
    char sign = 0;      ///< '+', '-', '=' or 0
    std::size_t column = 0;  ///< 1-based, in characters
    unsigned near_window = 10;
};

/// The lexemes of `query`, ending with an End lexeme; `french_operators`: « et », « ou », « sauf »
/// are operators too. Throws QueryError (with column) for a dangling sign, an empty field value or a
/// bad NEAR/n window.
std::vector<Lexeme> lex_query(std::string_view query, bool french_operators);

/// True when `query` reads as a natural-language question (ends with « ? » or starts with an
/// interrogative word): its « et » / « ou » are then words, not operators.
bool reads_as_question(std::string_view query, const Analyzer& analyzer);

}  // namespace veille
