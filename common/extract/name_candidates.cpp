// name_candidates.cpp — a capital is told from the token itself: its surface and its case-folded
// form differ in their first letter (« État »/« état », « Fink »/« fink »).
#include "common/extract/name_candidates.hpp"

#include <algorithm>

#include "common/text/utf8.hpp"

namespace veille {

namespace {

bool capitalised(const Token& t) {
    if (t.surface.empty() || t.exact.empty()) return false;
    const std::size_t n = utf8_ceil(t.surface, 1);  // the first character's bytes
    return t.surface.compare(0, n, t.exact, 0, n) != 0;
}

// True when [from, to) of `text` joins two words of one name: spaces, or one hyphen (« Jean-Pierre »).
bool joins_name(std::string_view text, std::size_t from, std::size_t to) {
    if (from > to || to > text.size()) return false;
    const std::string_view gap = text.substr(from, to - from);
    return gap == "-" || (!gap.empty() && gap.find_first_not_of(' ') == std::string_view::npos);
}

// The first word of a sentence: nothing before it but spaces, quotes and openers since the text's
// start or the end of the previous sentence.
bool starts_sentence(std::string_view text, std::size_t begin) {
    std::size_t i = begin;
    while (i > 0) {
        const unsigned char c = static_cast<unsigned char>(text[i - 1]);
        if (c == ' ' || c == '"' || c == '(' || c == '\n' || c == '\t' || c == '-' || (c & 0x80)) {
            // Non-ASCII bytes before the word: guillemets, non-breaking spaces, dashes.
            --i;
            continue;
        }
        return c == '.' || c == '!' || c == '?' || c == ':';
    }
    return true;
}

}  // namespace

std::vector<std::string> name_candidates(std::string_view text, const std::vector<Token>& tokens,
                                         const std::vector<CompanyMention>& mentions) {
    std::vector<std::string> out;
    const auto flush = [&](const std::vector<const Token*>& run) {
        if (run.empty()) return;
        const Token& first = *run.front();
        const Token& last = *run.back();
        if (run.size() == 1 && (first.stopword || first.surface.size() < 2 || starts_sentence(text, first.begin)))
            return;
        for (const CompanyMention& m : mentions)
            if (m.begin < last.end && first.begin < m.end) return;
        std::string name(text.substr(first.begin, last.end - first.begin));
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
    };
    std::vector<const Token*> run;
    for (const Token& t : tokens) {
        if (t.kind != TokenKind::Word) continue;
        if (!capitalised(t)) {
            flush(run);
            run.clear();
            continue;
        }
        if (!run.empty() && !joins_name(text, run.back()->end, t.begin)) {
            flush(run);
            run.clear();
        }
        run.push_back(&t);
    }
    flush(run);
    return out;
}

}  // namespace veille
