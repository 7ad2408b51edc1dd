// tokenizer.cpp — BreakIterator over a UTF-8 UText, so boundaries come back as byte offsets of the
// original text (no UTF-16 copy, and snippets can highlight the exact bytes).
#include "common/analysis/tokenizer.hpp"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "common/error.hpp"

namespace veille {

namespace {

struct UTextCloser {
    void operator()(UText* t) const { utext_close(t); }
};

icu::BreakIterator& word_breaker() {
    thread_local std::unique_ptr<icu::BreakIterator> it = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> made(
            icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
        if (U_FAILURE(status)) throw Error(std::string("ICU word breaker: ") + u_errorName(status));
        return made;
    }();
    return *it;
}

bool has_digit(std::string_view s) {
    for (char c : s)
        if (c >= '0' && c <= '9') return true;
    return false;
}

}  // namespace

std::vector<WordSpan> break_words(std::string_view text) {
    std::vector<WordSpan> words;
    if (text.empty()) return words;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UText, UTextCloser> ut(
        utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
    if (U_FAILURE(status)) throw Error(std::string("ICU UText: ") + u_errorName(status));
    icu::BreakIterator& bi = word_breaker();
    bi.setText(ut.get(), status);
    if (U_FAILURE(status)) throw Error(std::string("ICU word breaker: ") + u_errorName(status));
    words.reserve(text.size() / 6);
    int32_t start = bi.first();
    for (int32_t stop = bi.next(); stop != icu::BreakIterator::DONE; start = stop, stop = bi.next()) {
        // Rule status ≥ UBRK_WORD_NONE_LIMIT marks numbers, letters, kana and ideographs.
        if (bi.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
        const auto b = static_cast<std::size_t>(start), e = static_cast<std::size_t>(stop);
        words.push_back({b, e, has_digit(text.substr(b, e - b))});
    }
    // The iterator keeps a pointer to the UText; detach it before the UText goes away.
    bi.setText(icu::UnicodeString());
    return words;
}

}  // namespace veille
