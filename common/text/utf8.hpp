// utf8.hpp — checking and repairing UTF-8: what readers and the query parser do with bytes that are not text.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace veille {

/// Byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and code points
/// above U+10FFFF are invalid), or nullopt when `text` is valid UTF-8.
std::optional<std::size_t> invalid_utf8_offset(std::string_view text);

/// `text` with every invalid UTF-8 sequence replaced by U+FFFD: « caf\xE9 » → « caf� ».
std::string repair_utf8(std::string_view text);

}  // namespace veille
