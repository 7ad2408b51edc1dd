// snippets.cpp — passage selection by sliding window over analysed tokens, highlights on byte spans.
#include "searcher/text/snippets.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/normalizer.hpp"
#include "common/text/ascii.hpp"
#include "common/text/utf8.hpp"
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
    const std::size_t end = utf8_ceil(text, 200);
    std::string out;
    append_clean(out, text, 0, end);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (end < text.size() && has_content(text, end, text.size())) out += " …";
    return out;
}

// Texts longer than this are not analysed whole: a region of this size is chosen by a cheap scan
// and analysed alone. Analysis runs at ~20 MB/s; whole 30 KB manual pages made snippets 70% of a
// query's time. (Lucene's highlighter bounds its work the same way, with maxAnalyzedChars.)
constexpr std::size_t kRegionBytes = 1200;  // ~180 words: room for two passages of 30
constexpr std::size_t kRegionLead = 120;  // context kept before the first match of the region
constexpr std::size_t kMaxHitsPerWord = 1024;

/// The text lower-cased and accent-stripped the way the analyzer folds French, hyphens dropped
/// (« open-source » → « opensource »), with the original offset of each byte: where query words may be.
struct QuickFold {
    std::string text;
    std::vector<std::uint32_t> at;
};

// Appends the folded form of s[from, to) to `f` (`to` on a character boundary).
void fold_into(QuickFold& f, std::string_view s, std::size_t from, std::size_t to) {
    const auto put = [&](std::string_view out, std::size_t at) {
        f.text += out;
        f.at.insert(f.at.end(), out.size(), static_cast<std::uint32_t>(at));
    };
    for (std::size_t i = from; i < to;) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
            if (c != '-') put(std::string_view(&lower, 1), i);
            ++i;
        } else if (const std::string_view letter = fold_latin_letter(s, i); !letter.empty()) {
            put(letter, i);
            i += 2;
        } else {
            put(" ", i);  // any other character: not part of a French word's folded form
            i = utf8_ceil(s, i + 1);
        }
    }
}

bool is_word_byte(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/// Byte range of `text` to analyse: all of it when short; otherwise kRegionBytes around the first
/// spot holding every query word, else where the most distinct ones start a word, else the opening.
std::pair<std::size_t, std::size_t> region(std::string_view text, const HighlightTerms& terms) {
    if (text.size() <= kRegionBytes) return {0, text.size()};
    std::vector<std::string> needles;
    for (const auto* set : {&terms.stems, &terms.wholes, &terms.prefixes})
        for (const std::string& t : *set) {
            std::string n = t.substr(0, t.find(' '));  // a name's first word
            std::erase(n, '-');
            if (n.size() >= 2) needles.push_back(std::move(n));
        }
    // Folded and searched in growing blocks (4, 8, 16… KiB): most articles hold every query word in
    // their first block, and folding all of a long manual page cost as much as analysing the region.
    QuickFold f;
    std::vector<std::pair<std::size_t, int>> hits;  // original offset, needle
    std::vector<std::size_t> found(needles.size(), 0);
    std::size_t start = 0;
    for (std::size_t done = 0, block = 4096; done < text.size(); block *= 2) {
        const std::size_t stop = utf8_ceil(text, done + block);
        const std::size_t old_size = f.text.size();
        fold_into(f, text, done, stop);
        done = stop;
        for (std::size_t k = 0; k < needles.size(); ++k) {
            // Occurrences ending in the new part only: the others were found before.
            const std::size_t from = old_size >= needles[k].size() ? old_size - needles[k].size() + 1 : 0;
            for (auto p = f.text.find(needles[k], from); p != std::string::npos && found[k] < kMaxHitsPerWord;
                 p = f.text.find(needles[k], p + 1))
                if (p == 0 || !is_word_byte(f.text[p - 1])) hits.emplace_back(f.at[p], static_cast<int>(k)), ++found[k];
        }
        if (hits.empty()) continue;
        std::sort(hits.begin(), hits.end());
        std::vector<int> count(needles.size(), 0);
        int distinct = 0, best_distinct = 0;
        long best = -1;
        for (std::size_t lo = 0, hi = 0; lo < hits.size(); ++lo) {
            for (; hi < hits.size() && hits[hi].first < hits[lo].first + kRegionBytes - kRegionLead; ++hi)
                if (count[static_cast<std::size_t>(hits[hi].second)]++ == 0) ++distinct;
            const long score = static_cast<long>(distinct) * 100'000L + static_cast<long>(hi - lo);
            if (score > best) {
                best = score, best_distinct = distinct;
                start = hits[lo].first > kRegionLead ? hits[lo].first - kRegionLead : 0;
            }
            if (--count[static_cast<std::size_t>(hits[lo].second)] == 0) --distinct;
        }
        if (best_distinct == static_cast<int>(needles.size())) break;  // no later window can hold more words
    }
    std::size_t end = std::min(text.size(), start + kRegionBytes);
    // Whole words only: the region starts after a space and ends before one.
    if (start > 0) {
        while (start < end && !is_space(text[start - 1])) ++start;
    }
    if (end < text.size()) {
        while (end > start && !is_space(text[end])) --end;
    }
    return {start, end};
}

}  // namespace

std::string make_snippet(std::string_view text, const HighlightTerms& terms, const Analyzer& analyzer,
                         std::size_t window_words, std::size_t passages) {
    if (text.empty()) return {};
    const auto [from, to] = region(text, terms);
    std::vector<Token> tokens = analyzer.analyze(text.substr(from, to - from));
    for (Token& t : tokens) t.begin += from, t.end += from;

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
