// ascii.hpp — ASCII character classes, and trimming and collapsing of ASCII whitespace.
#pragma once
#include <string>
#include <string_view>

namespace veille {

/// ASCII whitespace, as C's isspace in the "C" locale: space, \t, \n, \v, \f, \r. Never a UTF-8
/// byte, so « ' ' » inside « 3 000 » (U+202F) is not a space here.
constexpr bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
/// '0'–'9'.
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
/// 'a'–'z' and 'A'–'Z': « é » is not one (its bytes are not ASCII).
constexpr bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
/// 'A'–'Z'.
constexpr bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
/// An ASCII letter or digit.
constexpr bool is_ascii_alnum(char c) { return is_ascii_letter(c) || is_ascii_digit(c); }
/// 'A'–'Z' lowered, every other byte unchanged.
constexpr char to_lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// `s` with ASCII letters lowered, UTF-8 untouched: « Titre » → « titre », « ÉTÉ » → « ÉtÉ ».
std::string lower_ascii(std::string_view s);

/// `s` without its leading and trailing ASCII whitespace: « \t Date : 2025\r » → « Date : 2025 ».
std::string_view trim(std::string_view s);

/// Each run of ASCII whitespace → one space, none at either end: « Le\n  monde\t» → « Le monde ».
std::string collapse_whitespace(std::string_view s);

}  // namespace veille
