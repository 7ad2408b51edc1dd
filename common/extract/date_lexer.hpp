// date_lexer.hpp — the tokens date parsing works on: ASCII-folded words, numbers, punctuation, byte spans.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace veille {

/// What a DateToken is: a run of letters, a run of digits, or one other byte.
enum class DateTokenKind : std::uint8_t { Word, Number, Punct };

/// One token of a text. Words are lower-case ASCII with accents folded (« AOÛT » → "aout",
/// « 1ᵉʳ » → 1 + "er"); numbers are digit runs; anything else is one byte of punctuation.
struct DateToken {
    static constexpr std::size_t kKept = 15;  ///< longer words and numbers keep a prefix only

    std::size_t begin = 0;  ///< byte span in the lexed text
    std::size_t end = 0;
    std::size_t size = 0;   ///< full length in folded letters or digits
    DateTokenKind kind = DateTokenKind::Punct;
    bool spaced = true;     ///< whitespace (NBSP included), or the start of the text, comes before it
    std::uint8_t kept = 0;
    char text[kKept] = {};

    [[nodiscard]] std::string_view str() const { return {text, kept}; }
    void push(char c) {
        if (kept < kKept) text[kept++] = c;
        ++size;
    }
    [[nodiscard]] bool is_word(std::string_view w) const { return kind == DateTokenKind::Word && size == kept && str() == w; }
    [[nodiscard]] bool is_punct(char c) const { return kind == DateTokenKind::Punct && text[0] == c; }
    /// Number of digits; 0 for words and punctuation.
    [[nodiscard]] std::size_t digits() const { return kind == DateTokenKind::Number ? size : 0; }
    /// Value of a number of at most 9 digits, else -1.
    [[nodiscard]] int number() const;
};

/// Byte length of the whitespace at text[i] (ASCII, NBSP, U+2000–U+200A, narrow NBSP), 0 if none.
std::size_t space_length(std::string_view text, std::size_t i);

/// Tokens of `text`; safe on any bytes (invalid UTF-8 and NUL become punctuation tokens).
std::vector<DateToken> lex_date(std::string_view text);

}  // namespace veille
