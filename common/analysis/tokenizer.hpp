// tokenizer.hpp — ICU word breaking (UAX #29) of UTF-8 text into word spans.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace veille {

/// A word found by the word breaker, as a byte span of the input.
struct WordSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool numeric = false;  ///< contains a digit
};

/// Words (letters, numbers, ideographs) of `text` in order; punctuation, spaces, symbols and emoji are
/// skipped. Invalid UTF-8 is read as U+FFFD and never yields a word.
std::vector<WordSpan> break_words(std::string_view text);

}  // namespace veille
