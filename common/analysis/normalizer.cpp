// normalizer.cpp — per-word ICU normalisation; ASCII words take a fast path (most of French news text
// is ASCII word by word, and the Transliterator costs microseconds).
#include "common/analysis/normalizer.hpp"

#include <memory>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "common/error.hpp"

namespace veille {

namespace {

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

void check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) throw Error(std::string("ICU ") + what + " failed: " + u_errorName(status));
}

const icu::Normalizer2& nfkc_casefold() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    check(status, "NFKC_Casefold instance");
    return *n;
}

icu::Transliterator& accent_remover() {
    // Transliterators are not thread-safe; each thread keeps its own.
    thread_local std::unique_ptr<icu::Transliterator> t = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
            "NFD; [:Nonspacing Mark:] Remove; NFC", UTRANS_FORWARD, status));
        check(status, "accent Transliterator");
        return made;
    }();
    return *t;
}

// « I.A » (the word breaker keeps inner dots) → « IA »; only single letters between dots count,
// so « node.js » and « 3.5 » keep theirs.
std::string join_acronym(std::string s) {
    if (s.size() < 3 || s.find('.') == std::string::npos) return s;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool letter_slot = i % 2 == 0;
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (letter_slot ? !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : c != '.') return s;
    }
    std::string out;
    for (char c : s)
        if (c != '.') out += c;
    return out;
}

}  // namespace

std::string_view fold_latin_letter(std::string_view text, std::size_t pos) {
    if (pos + 1 >= text.size()) return {};
    const auto lead = static_cast<unsigned char>(text[pos]), next = static_cast<unsigned char>(text[pos + 1]);
    // U+00C0…U+00FF by second byte: upper case, then lower case. "" where the fold is not ASCII
    // (Ð Ø Þ ð ø þ) and for the signs × ÷ (checked against ICU by the analyzer tests).
    static constexpr std::string_view kLatin1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "",  "n", "o", "o", "o", "o", "o",  "",  "",  "u", "u", "u", "u", "y", "",  "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "",  "n", "o", "o", "o", "o", "o",  "",  "",  "u", "u", "u", "u", "y", "",  "y"};
    if (lead == 0xC3 && next >= 0x80 && next <= 0xBF) return kLatin1[next - 0x80];
    if (lead == 0xC5 && (next == 0x92 || next == 0x93)) return "oe";  // Œ œ
    if (lead == 0xC5 && next == 0xB8) return "y";                     // Ÿ
    return {};
}

std::size_t apostrophe_length(std::string_view t, std::size_t pos) {
    if (pos >= t.size()) return 0;
    if (t[pos] == '\'') return 1;
    if (pos + 2 < t.size() + 0 && t.size() - pos >= 3 && static_cast<unsigned char>(t[pos]) == 0xE2 &&
        static_cast<unsigned char>(t[pos + 1]) == 0x80 &&
        (static_cast<unsigned char>(t[pos + 2]) == 0x99 || static_cast<unsigned char>(t[pos + 2]) == 0x98))
        return 3;  // ’ U+2019, ‘ U+2018
    if (t.size() - pos >= 2 && static_cast<unsigned char>(t[pos]) == 0xCA &&
        static_cast<unsigned char>(t[pos + 1]) == 0xBC)
        return 2;  // ʼ U+02BC
    return 0;
}

std::size_t hyphen_length(std::string_view t, std::size_t pos) {
    if (pos >= t.size()) return 0;
    if (t[pos] == '-') return 1;
    if (t.size() - pos >= 3 && static_cast<unsigned char>(t[pos]) == 0xE2 &&
        static_cast<unsigned char>(t[pos + 1]) == 0x80 &&
        (static_cast<unsigned char>(t[pos + 2]) == 0x90 || static_cast<unsigned char>(t[pos + 2]) == 0x91))
        return 3;  // ‐ U+2010, ‑ U+2011
    return 0;
}

std::string normalize_exact(std::string_view word) {
    std::string unified;
    unified.reserve(word.size());
    for (std::size_t i = 0; i < word.size();) {
        if (const std::size_t n = apostrophe_length(word, i)) {
            unified += '\'';
            i += n;
        } else {
            unified += word[i++];
        }
    }
    if (is_ascii(unified)) {
        for (char& c : unified)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return join_acronym(std::move(unified));
    }
    UErrorCode status = U_ZERO_ERROR;
    const auto source = icu::UnicodeString::fromUTF8(unified);
    icu::UnicodeString normalized = nfkc_casefold().normalize(source, status);
    check(status, "normalisation");
    std::string out;
    normalized.toUTF8String(out);
    return join_acronym(std::move(out));
}

std::string fold_accents(std::string_view exact) {
    if (is_ascii(exact)) return std::string(exact);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(exact.data(), static_cast<int32_t>(exact.size())));
    accent_remover().transliterate(text);
    // Ligatures are letters of their own, not accented letters: expand them explicitly.
    text.findAndReplace(u"œ", u"oe").findAndReplace(u"æ", u"ae").findAndReplace(u"Œ", u"oe").findAndReplace(u"Æ", u"ae");
    std::string out;
    text.toUTF8String(out);
    return out;
}

}  // namespace veille
