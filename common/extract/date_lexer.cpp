// date_lexer.cpp — date tokens: ASCII-folded words, digit runs, single punctuation bytes, byte spans.
#include "common/extract/date_lexer.hpp"

namespace veille {
namespace {

// Latin-1 letters U+00C0..U+00FF (UTF-8 C3 80..C3 BF) folded to ASCII; '?' is not a letter.
constexpr std::string_view kLatin1Fold =
    "aaaaaaaceeeeiiiidnooooo?ouuuuy?s"
    "aaaaaaaceeeeiiiidnooooo?ouuuuy?y";

unsigned char byte_at(std::string_view s, std::size_t i) {
    return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

// Byte length of the letter at s[i] and its ASCII fold (two letters for œ), 0 when not a letter.
// « 1ᵉʳ » uses modifier letters U+1D49 U+02B3, folded to "er" like « 1er ».
std::size_t letter_at(std::string_view s, std::size_t i, char& a, char& b) {
    const unsigned char c = byte_at(s, i);
    b = 0;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        a = static_cast<char>(c | 0x20);
        return 1;
    }
    const unsigned char c1 = byte_at(s, i + 1);
    if (c == 0xC3 && c1 >= 0x80 && c1 <= 0xBF && kLatin1Fold[c1 - 0x80] != '?') {
        a = kLatin1Fold[c1 - 0x80];
        return 2;
    }
    if (c == 0xC5 && (c1 == 0x92 || c1 == 0x93)) {
        a = 'o';
        b = 'e';
        return 2;
    }
    if (c == 0xCA && c1 == 0xB3) {
        a = 'r';
        return 2;
    }
    if (c == 0xE1 && c1 == 0xB5 && byte_at(s, i + 2) == 0x89) {
        a = 'e';
        return 3;
    }
    return 0;
}

}  // namespace

// Byte length of the whitespace at s[i]: ASCII, NBSP, U+2000..U+200A and the narrow NBSP that French
// typography puts inside « 12 juillet »; 0 when none.
std::size_t space_length(std::string_view s, std::size_t i) {
    const unsigned char c = byte_at(s, i);
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    if (c == 0xC2 && byte_at(s, i + 1) == 0xA0) return 2;
    if (c == 0xE2 && byte_at(s, i + 1) == 0x80 && (byte_at(s, i + 2) <= 0x8A || byte_at(s, i + 2) == 0xAF) &&
        byte_at(s, i + 2) >= 0x80)
        return 3;
    return 0;
}

int DateToken::number() const {
    if (size > 9) return -1;  // never a date part, and no int overflow (fuzz_date)
    int v = 0;
    for (const char c : str()) v = v * 10 + (c - '0');
    return v;
}

std::vector<DateToken> lex_date(std::string_view s) {
    std::vector<DateToken> toks;
    bool spaced = true;
    std::size_t i = 0;
    while (i < s.size()) {
        if (const std::size_t n = space_length(s, i)) {
            i += n;
            spaced = true;
            continue;
        }
        DateToken t;
        t.begin = i;
        t.spaced = spaced;
        spaced = false;
        char a = 0;
        char b = 0;
        if (s[i] >= '0' && s[i] <= '9') {
            t.kind = DateTokenKind::Number;
            for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) t.push(s[i]);
        } else if (letter_at(s, i, a, b) != 0) {
            t.kind = DateTokenKind::Word;
            while (const std::size_t n = letter_at(s, i, a, b)) {
                t.push(a);
                if (b) t.push(b);
                i += n;
            }
        } else {
            t.push(s[i]);
            ++i;
        }
        t.end = i;
        toks.push_back(t);
    }
    return toks;
}

}  // namespace veille
