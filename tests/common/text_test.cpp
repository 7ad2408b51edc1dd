// text_test.cpp — the byte-level text primitives of common/text: UTF-8 stepping and counting,
// ASCII classes, trimming and whitespace collapsing, each on a table of French text.
#include "common/text/ascii.hpp"
#include "common/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using namespace std::string_view_literals;

TEST_CASE("is_continuation_byte tells the bytes that continue a character", "[common][text]") {
    const std::string_view e = "é";  // C3 A9
    CHECK_FALSE(veille::is_continuation_byte('e'));
    CHECK_FALSE(veille::is_continuation_byte(e[0]));
    CHECK(veille::is_continuation_byte(e[1]));
    CHECK(veille::is_continuation_byte("’"[2]));  // E2 80 99
}

TEST_CASE("utf8_length counts characters, not bytes", "[common][text]") {
    struct Case {
        std::string_view text;
        std::size_t chars;
    };
    const Case cases[] = {{"", 0}, {"ete", 3}, {"été", 3}, {"l’IA", 4}, {"Œuvre", 5}, {"😀 !", 3}};
    for (const Case& c : cases) {
        INFO(c.text);
        CHECK(veille::utf8_length(c.text) == c.chars);
    }
}

TEST_CASE("utf8_floor and utf8_ceil never split a character", "[common][text]") {
    struct Case {
        std::string_view text;
        std::size_t offset, floor, ceil;
    };
    const std::string_view cafe = "café au lait";  // é at bytes 3–4
    const Case cases[] = {
        {cafe, 0, 0, 0},   {cafe, 3, 3, 3},    {cafe, 4, 3, 5}, {cafe, 5, 5, 5},
        {cafe, 99, 13, 13}, {"", 0, 0, 0},     {"’", 1, 0, 3},  {"’", 2, 0, 3},
    };
    for (const Case& c : cases) {
        INFO(c.text << " @" << c.offset);
        CHECK(veille::utf8_floor(c.text, c.offset) == c.floor);
        CHECK(veille::utf8_ceil(c.text, c.offset) == c.ceil);
    }
}

TEST_CASE("decode_utf8 and append_utf8 round-trip, invalid bytes become U+FFFD", "[common][text]") {
    struct Case {
        std::string_view text;
        std::u32string code_points;
    };
    const Case cases[] = {
        {"thé", U"thé"},
        {"l’Œuvre", U"l’Œuvre"},
        {"😀", U"😀"},
        {"caf\xE9", U"caf\uFFFD"},            // Latin-1 é
        {"\xC0\xAF", U"\uFFFD\uFFFD"},        // overlong « / »
        {"\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD"},  // a surrogate
    };
    for (const Case& c : cases) {
        INFO(c.text);
        CHECK(veille::decode_utf8(c.text) == c.code_points);
        std::string back;
        for (const char32_t cp : c.code_points) veille::append_utf8(back, cp);
        if (!veille::invalid_utf8_offset(c.text)) CHECK(back == c.text);
    }
}

TEST_CASE("ASCII classes leave UTF-8 bytes out", "[common][text]") {
    struct Case {
        char c;
        bool space, digit, letter;
    };
    const Case cases[] = {
        {' ', true, false, false},  {'\t', true, false, false}, {'\n', true, false, false},
        {'\v', true, false, false}, {'\f', true, false, false}, {'\r', true, false, false},
        {'7', false, true, false},  {'a', false, false, true},  {'Z', false, false, true},
        {'-', false, false, false}, {"é"[0], false, false, false}, {"\u202F"[0], false, false, false},
    };
    for (const Case& c : cases) {
        INFO(static_cast<int>(static_cast<unsigned char>(c.c)));
        CHECK(veille::is_space(c.c) == c.space);
        CHECK(veille::is_ascii_digit(c.c) == c.digit);
        CHECK(veille::is_ascii_letter(c.c) == c.letter);
        CHECK(veille::is_ascii_alnum(c.c) == (c.digit || c.letter));
    }
    CHECK(veille::lower_ascii("ÉTÉ à Paris") == "ÉtÉ à paris");
}

TEST_CASE("trim drops ASCII whitespace at both ends only", "[common][text]") {
    struct Case {
        std::string_view text, trimmed;
    };
    const Case cases[] = {
        {"", ""},
        {" \t\r\n", ""},
        {"  Date : 2025-07-12\r", "Date : 2025-07-12"},
        {"\fla  mise à jour\v", "la  mise à jour"},
        {"\u00A0Paris\u00A0", "\u00A0Paris\u00A0"},  // no-break spaces are not ASCII whitespace
    };
    for (const Case& c : cases) {
        INFO(c.text);
        CHECK(veille::trim(c.text) == c.trimmed);
    }
}

TEST_CASE("collapse_whitespace makes one line of a title", "[common][text]") {
    struct Case {
        std::string_view text, collapsed;
    };
    const Case cases[] = {
        {"", ""},
        {"   ", ""},
        {"Mistral AI", "Mistral AI"},
        {"\n  Le cloud\tsouverain\r\n arrive \f", "Le cloud souverain arrive"},
        {"été\v\vindien", "été indien"},
        {"3\u202F000 euros", "3\u202F000 euros"},  // a narrow no-break space stays
    };
    for (const Case& c : cases) {
        INFO(c.text);
        CHECK(veille::collapse_whitespace(c.text) == c.collapsed);
    }
}
