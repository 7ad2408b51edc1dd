// utf8.cpp — a hand-written validator: Table 3-7 of the Unicode Standard is short, and readers need the
// offset of the first bad byte to report its line.
#include "common/text/utf8.hpp"

namespace veille {

std::optional<std::size_t> invalid_utf8_offset(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        // Table 3-7 of the Unicode Standard: well-formed byte sequences.
        std::size_t len = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) len = 3, lo = 0xA0;
        else if (c == 0xED) len = 3, hi = 0x9F;
        else if (c >= 0xE1 && c <= 0xEF) len = 3;
        else if (c == 0xF0) len = 4, lo = 0x90;
        else if (c == 0xF4) len = 4, hi = 0x8F;
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else return i;
        if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
        i += len;
    }
    return std::nullopt;
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const auto bad = invalid_utf8_offset(text);
        if (!bad) {
            out.append(text);
            break;
        }
        out.append(text.substr(0, *bad));
        out.append("\xEF\xBF\xBD");
        text.remove_prefix(*bad + 1);
    }
    return out;
}

}  // namespace veille
