// fuzz_analyzer.cpp — libFuzzer target: any bytes through Analyzer::standard().analyze() and fold().
#include "common/analysis/analyzer.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

}  // namespace

// Invariants (analyzer.hpp): spans lie in the text and hold the surface; terms are non-empty valid
// UTF-8 (they become Xapian terms and JSON strings); words are numbered 1, 2, 3…; a compound or a
// name sits at the position of the token before it (its first part) and covers at least one word.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const veille::Analyzer& analyzer = veille::Analyzer::standard();
    const auto tokens = analyzer.analyze(text);
    std::uint32_t last_word = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const veille::Token& t = tokens[i];
        if (t.begin >= t.end || t.end > size || text.substr(t.begin, t.end - t.begin) != t.surface) __builtin_trap();
        if (t.folded.empty() || t.stem.empty() || t.exact.empty()) __builtin_trap();
        if (!valid_utf8(t.exact) || !valid_utf8(t.folded) || !valid_utf8(t.stem)) __builtin_trap();
        const bool word = t.kind == veille::TokenKind::Word || t.kind == veille::TokenKind::Number;
        if (word) {
            if (t.position != last_word + 1 || t.span != 1) __builtin_trap();
            last_word = t.position;
        } else if (i == 0 || t.position != tokens[i - 1].position || t.position != last_word || t.span == 0) {
            __builtin_trap();
        }
    }
    // Same text, same tokens: the per-thread memo of word forms must not change anything.
    const auto again = analyzer.analyze(text);
    if (again.size() != tokens.size()) __builtin_trap();
    for (std::size_t i = 0; i < again.size(); ++i)
        if (again[i].stem != tokens[i].stem || again[i].position != tokens[i].position) __builtin_trap();
    if (!valid_utf8(analyzer.fold(text))) __builtin_trap();
    return 0;
}
