// snippets.cpp — passage selection by sliding window over analysed tokens, highlights on byte spans.
#include "searcher/snippets.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "searcher/request.hpp"

namespace veille {

namespace {

/// A query word found in the text: where (word position, byte span) and which query term (key).
struct Match {
    std::uint32_t position;
    std::uint32_t last;  // last word position covered (compounds and names span several)
    std::size_t begin, end;
    int key;
};

/// A chosen passage: inclusive word positions.
struct Window {
    std::uint32_t first = 0, last = 0;
    long score = -1;
};

// The matching rule of the issue: Words match on their stem (« sécurités » ↔ securit) or their folded
// form, Names and Compounds on their whole form (and stem, so « opensource » finds « open-source »).
// A prefix search (« intel* ») lights up every word starting with it, counted as one query term.
// Stop words never match on their own: a query « la sécurité » must not light up every « la ».
const std::string* match_key(const Token& t, const HighlightTerms& terms) {
    if (t.kind == TokenKind::Word || t.kind == TokenKind::Number) {
        if (t.stopword) return nullptr;
        if (terms.stems.count(t.stem)) return &t.stem;
        if (terms.wholes.count(t.folded)) return &t.folded;
        for (const std::string& p : terms.prefixes)
            if (t.folded.starts_with(p)) return &p;
        return nullptr;
    }
    if (terms.wholes.count(t.folded)) return &t.folded;
    if (terms.stems.count(t.stem)) return &t.stem;
    return nullptr;
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Best window of `width` words for the matches, scored by distinct query terms first (a passage with
// both « sécurité » and « réseau » beats one saying « sécurité » three times), then by new terms not
// already shown in `covered`, then by the number of matches. Windows start a few words before a match
// so the highlight has some context. Two pointers over the sorted matches: linear in their number.
Window best_window(const std::vector<Match>& matches, int keys, std::uint32_t words, std::uint32_t width,
                   const std::vector<Window>& avoid, const std::vector<bool>& covered) {
    const std::uint32_t lead = std::min<std::uint32_t>(width / 6, 5);
    std::vector<int> count(static_cast<std::size_t>(keys), 0);
    int distinct = 0, fresh = 0, total = 0;
    std::size_t lo = 0, hi = 0;
    Window best;
    std::uint32_t previous_start = 0;
    for (const Match& anchor : matches) {
        std::uint32_t start = anchor.position > lead ? anchor.position - lead : 1;
        if (start + width - 1 > words) start = words >= width ? words - width + 1 : 1;
        start = std::max(start, previous_start);  // keeps both pointers monotonic
        previous_start = start;
        const std::uint32_t stop = start + width - 1;
        while (hi < matches.size() && matches[hi].position <= stop) {
            const int k = matches[hi++].key;
            if (count[static_cast<std::size_t>(k)]++ == 0) {
                ++distinct;
                if (!covered[static_cast<std::size_t>(k)]) ++fresh;
            }
            ++total;
        }
        while (lo < hi && matches[lo].position < start) {
            const int k = matches[lo++].key;
            if (--count[static_cast<std::size_t>(k)] == 0) {
                --distinct;
                if (!covered[static_cast<std::size_t>(k)]) --fresh;
            }
            --total;
        }
        if (total == 0) continue;
        const auto overlaps = [&](const Window& w) { return !(stop < w.first || start > w.last); };
        if (std::any_of(avoid.begin(), avoid.end(), overlaps)) continue;
        const long score = static_cast<long>(distinct) * 1'000'000L + static_cast<long>(fresh) * 1'000L + total;
        if (score > best.score) best = {start, stop, score};
    }
    return best;
}

// Copies text[begin, end) into `out` with whitespace runs collapsed (articles keep their paragraph
// breaks, a snippet is one line) and stray marker bytes dropped so only ours delimit highlights.
void append_clean(std::string& out, std::string_view text, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
        const char c = text[i];
        if (is_space(c)) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else if (c != kMarkOpen && c != kMarkClose) {
            out += c;
        }
    }
}

bool has_content(std::string_view text, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
        if (!is_space(text[i])) return true;
    return false;
}

/// Renders one passage: words [w.first, w.last], cut at word boundaries, marks merged over overlaps.
std::string render(std::string_view text, const std::vector<const Token*>& word_at, const Window& w,
                   const std::vector<Match>& matches) {
    const std::size_t n = word_at.size() - 1;
    // Begin at the word, but keep what is glued to it on the left (« l’ », « ( », « « »).
    std::size_t begin = word_at[w.first]->begin;
    const std::size_t floor = w.first > 1 ? word_at[w.first - 1]->end : 0;
    while (begin > floor && !is_space(text[begin - 1])) --begin;
    // End after the word and its glued punctuation (« , », « . », « » »), never into the next word.
    std::size_t end = word_at[w.last]->end;
    const std::size_t ceiling = w.last < n ? word_at[w.last + 1]->begin : text.size();
    while (end < ceiling && !is_space(text[end])) ++end;

    // Highlight spans inside the passage, merged: a Name overlaps its own words.
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (const Match& m : matches)
        if (m.position >= w.first && m.position <= w.last) spans.emplace_back(m.begin, std::min(m.end, end));
    std::sort(spans.begin(), spans.end());
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    for (const auto& s : spans) {
        if (!merged.empty() && s.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, s.second);
        else
            merged.push_back(s);
    }

    std::string out;
    if (has_content(text, 0, begin)) out += "… ";
    std::size_t at = begin;
    for (const auto& [b, e] : merged) {
        append_clean(out, text, at, b);
        out += kMarkOpen;
        append_clean(out, text, b, e);
        out += kMarkClose;
        at = e;
    }
    append_clean(out, text, at, end);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (has_content(text, end, text.size())) out += " …";
    return out;
}

/// The opening of a text without words the analyzer recognises: about 200 bytes at a UTF-8 boundary.
std::string opening(std::string_view text) {
    std::size_t end = std::min<std::size_t>(text.size(), 200);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    std::string out;
    append_clean(out, text, 0, end);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (end < text.size() && has_content(text, end, text.size())) out += " …";
    return out;
}

}  // namespace

std::string make_snippet(std::string_view text, const HighlightTerms& terms, const Analyzer& analyzer,
                         std::size_t window_words, std::size_t passages) {
    if (text.empty()) return {};
    const std::vector<Token> tokens = analyzer.analyze(text);

    // word_at[p] = the Word/Number token at position p (1-based); Names and Compounds share positions.
    std::vector<const Token*> word_at(1, nullptr);
    std::vector<Match> matches;
    std::unordered_map<std::string, int> keys;
    for (const Token& t : tokens) {
        const bool word = t.kind == TokenKind::Word || t.kind == TokenKind::Number;
        if (word && t.position == word_at.size()) word_at.push_back(&t);
        if (terms.empty()) continue;
        if (const std::string* key = match_key(t, terms)) {
            const int id = keys.emplace(*key, static_cast<int>(keys.size())).first->second;
            matches.push_back({t.position, t.position + t.span - 1, t.begin, t.end, id});
        }
    }
    const auto words = static_cast<std::uint32_t>(word_at.size() - 1);
    if (words == 0) return opening(text);
    const auto width = static_cast<std::uint32_t>(std::clamp<std::size_t>(window_words, 1, words));

    std::vector<Window> chosen;
    std::vector<bool> covered(keys.size(), false);
    for (std::size_t i = 0; i < passages && !matches.empty(); ++i) {
        Window w = best_window(matches, static_cast<int>(keys.size()), words, width, chosen, covered);
        if (w.score < 0) break;
        for (const Match& m : matches) {
            if (m.position < w.first || m.position > w.last) continue;
            covered[static_cast<std::size_t>(m.key)] = true;
            w.last = std::min(std::max(w.last, m.last), words);  // never cut a Name in half
        }
        chosen.push_back(w);
    }
    if (chosen.empty()) chosen.push_back({1, width, 0});  // nothing matched: the opening words
    std::sort(chosen.begin(), chosen.end(), [](const Window& a, const Window& b) { return a.first < b.first; });

    std::string out;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        std::string part = render(text, word_at, chosen[i], matches);
        // Passages are joined by a single " … ": drop the inner ellipses each one carries on its own.
        if (i > 0 && part.rfind("… ", 0) == 0) part.erase(0, std::string_view("… ").size());
        if (i + 1 < chosen.size() && part.size() >= 4 && part.ends_with(" …")) part.resize(part.size() - 4);
        if (i > 0) out += " … ";
        out += part;
    }
    return out;
}

}  // namespace veille
