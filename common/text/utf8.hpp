// utf8.hpp — UTF-8 at the byte level: stepping over characters, counting them, checking and repairing.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace veille {

/// A byte that continues a multi-byte character (10xxxxxx): never the start of one.
constexpr bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Characters (code points) in valid UTF-8, counted by their first bytes: « été » → 3. The display
/// column of a byte offset is utf8_length(text.substr(0, offset)) + 1.
std::size_t utf8_length(std::string_view text);

/// The character boundary at or before `offset` (at most text.size()): where to cut `text` to at
/// most `offset` bytes without splitting « é ».
std::size_t utf8_floor(std::string_view text, std::size_t offset);

/// The character boundary at or after `offset` (at most text.size()).
std::size_t utf8_ceil(std::string_view text, std::size_t offset);

/// UTF-8 → code points; each byte of an invalid sequence becomes U+FFFD: « thé » → {t, h, é}.
std::u32string decode_utf8(std::string_view text);

/// Appends code point `cp` (at most U+10FFFF) to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// Byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and code points
/// above U+10FFFF are invalid), or nullopt when `text` is valid UTF-8.
std::optional<std::size_t> invalid_utf8_offset(std::string_view text);

/// `text` with every invalid UTF-8 sequence replaced by U+FFFD: « caf\xE9 » → « caf� ».
std::string repair_utf8(std::string_view text);

/// `text` cut to at most `max_bytes` on a UTF-8 boundary, with « … » appended when cut.
std::string shorten(std::string_view text, std::size_t max_bytes);

/// The byte order mark some editors put at the start of a UTF-8 file.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

/// `value` between single quotes for a one-line message, cut to 120 bytes and repaired so that the
/// message stays valid UTF-8 whatever the input held: « 'N0830' ».
std::string in_quotes(std::string_view value);

}  // namespace veille
