// suggest.cpp — did-you-mean: unknown query words replaced by the closest frequent indexed word
// (Damerau-Levenshtein over the folded vocabulary), then given back their accents from the E terms.
#include "searcher/text/suggest.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/normalizer.hpp"
#include "common/schema.hpp"
#include "common/text/ascii.hpp"
#include "common/text/utf8.hpp"
#include "searcher/query/query_lexer.hpp"

namespace veille {

namespace {

// Bounds that keep a hostile query (10,000 words, megabytes without a space) cheap: only the first
// words are examined, over words of sane length, with a budget of vocabulary terms read per word.
constexpr std::size_t kMaxWords = 32;
constexpr std::size_t kMaxQueryBytes = 4096;
constexpr std::size_t kMaxWordChars = 40;
constexpr std::size_t kScanBudget = 200'000;
constexpr Xapian::doccount kRareFactor = 20;  // a rare word yields to a candidate this many times more frequent
// A form written in this many articles is a word, not a typo, whatever the database's size: without
// this floor every word under 1/20 of the articles sent did-you-mean through the vocabulary (12 ms
// of a 20 ms query at 100,000 articles).
constexpr Xapian::doccount kWordFreq = 5;

using Chars = std::u32string;

/// One code point as UTF-8: a scan head.
std::string encode(char32_t cp) {
    std::string out;
    append_utf8(out, cp);
    return out;
}

/// Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), or
/// `limit + 1` as soon as every alignment costs more than `limit`.
std::size_t distance(const Chars& a, const Chars& b, std::size_t limit) {
    const std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

struct Candidate {
    std::string word;  // folded
    std::size_t dist = 0;
    Xapian::doccount freq = 0;
};

/// Articles holding the folded form `w`: plain words carry it as E<w>, accented ones as <w> (schema.hpp).
Xapian::doccount folded_freq(const Xapian::Database& db, const std::string& w) {
    return db.get_termfreq(std::string(prefix::kFolded) + w) + db.get_termfreq(std::string(prefix::kExact) + w);
}

/// Reads the folded forms starting with `head` and keeps the closest, most frequent one.
void scan(const Xapian::Database& db, const std::string& head, const Chars& word, std::size_t limit,
          Xapian::doccount min_freq, Candidate& best, std::size_t& budget) {
    for (const std::string_view prefix : {prefix::kFolded, prefix::kExact}) {
        const std::string start = std::string(prefix) + head;
        for (auto it = db.allterms_begin(start); it != db.allterms_end(start) && budget > 0; ++it, --budget) {
            const std::string term = std::string(*it).substr(prefix.size());
            // Names are indexed whole with their space (« mistral ai »): not a spelling of one word.
            if (term.find(' ') != std::string::npos) continue;
            // An E term with accents: its folded form is the unprefixed term, read in the first pass.
            if (prefix == prefix::kExact && std::any_of(term.begin(), term.end(), [](char c) { return c & 0x80; }))
                continue;
            const std::size_t chars = utf8_length(term);
            if ((chars > word.size() ? chars - word.size() : word.size() - chars) > limit) continue;
            const Chars t = decode_utf8(term);
            const std::size_t d = distance(word, t, best.word.empty() ? limit : std::min(limit, best.dist));
            if (d == 0 || d > limit) continue;
            const Xapian::doccount freq = folded_freq(db, term);
            if (freq < min_freq) continue;
            if (best.word.empty() || d < best.dist || (d == best.dist && freq > best.freq)) best = {term, d, freq};
        }
    }
}

bool is_inflection(const std::string& a, const std::string& b) {
    // « sécurités » typed, « sécurité » indexed: the same search, nothing to suggest.
    const std::string& longer = a.size() > b.size() ? a : b;
    const std::string& shorter = a.size() > b.size() ? b : a;
    if (longer.compare(0, shorter.size(), shorter) != 0) return false;
    const std::string_view tail = std::string_view(longer).substr(shorter.size());
    return tail == "s" || tail == "x" || tail == "e" || tail == "es";
}

/// The closest frequent folded word for `folded`, or "" when the word is fine or nothing is close.
std::string correct(const Xapian::Database& db, const Token& t, std::size_t& budget) {
    const Chars word = decode_utf8(t.folded);
    if (word.size() < 3 || word.size() > kMaxWordChars) return {};
    const Xapian::doccount stem_freq = db.get_termfreq(std::string(prefix::kStem) + t.stem);
    const Xapian::doccount freq = folded_freq(db, t.folded);
    // Unknown stem: anything close helps. Known stem but a form never written (« artificiele »), or a
    // rare form (a typo that made it into a few articles): only a much more frequent word is better.
    if (stem_freq > 0 && freq > 0 && (freq >= kWordFreq || freq * kRareFactor > db.get_doccount())) return {};
    const Xapian::doccount min_freq = stem_freq == 0 ? 1 : std::max<Xapian::doccount>(1, freq * kRareFactor);
    const std::size_t limit = word.size() <= 4 ? 1 : 2;

    Candidate best;
    scan(db, encode(word[0]), word, limit, min_freq, best, budget);
    if (best.word.empty()) {
        // A wrong first letter: substituted (x+w1), dropped (x+w0), added (w1…) or swapped (w1 w0…).
        std::vector<std::string> heads{encode(word[1])};
        for (char c = 'a'; c <= 'z'; ++c) {
            if (static_cast<char32_t>(c) == word[0]) continue;
            heads.push_back(std::string(1, c) + encode(word[1]));
            heads.push_back(std::string(1, c) + encode(word[0]));
        }
        std::sort(heads.begin(), heads.end());
        heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
        for (const std::string& head : heads) scan(db, head, word, limit, min_freq, best, budget);
    }
    if (best.word.empty()) return {};
    if (stem_freq > 0 && is_inflection(best.word, t.folded)) return {};
    return best.word;
}

/// Accent-folds Latin letters cheaply (ASCII result, or "" when another letter is present).
std::string quick_fold(std::string_view exact) {
    std::string out;
    for (std::size_t i = 0; i < exact.size();) {
        if (static_cast<unsigned char>(exact[i]) < 0x80) {
            out += exact[i++];
            continue;
        }
        const std::string_view letter = fold_latin_letter(exact, i);
        if (letter.empty()) return {};
        out += letter;
        i += 2;
    }
    return out;
}

/// The most frequent exact (accented) form of a folded word: « securite » → « sécurité ».
std::string restore_accents(const Xapian::Database& db, const std::string& folded, const Analyzer& analyzer,
                            std::size_t& budget) {
    // The exact form's first letter may carry an accent its folded form lacks (« état » / « etat »).
    std::vector<std::string> heads{std::string(1, folded[0])};
    for (const auto& [plain, accented] : std::initializer_list<std::pair<char, const char*>>{
             {'a', "à"}, {'a', "â"}, {'a', "æ"}, {'e', "é"}, {'e', "è"}, {'e', "ê"}, {'i', "î"},
             {'o', "ô"}, {'o', "œ"}, {'u', "ù"}, {'u', "û"}, {'c', "ç"}})
        if (folded[0] == plain) heads.emplace_back(accented);
    std::string best = folded;
    Xapian::doccount best_freq = 0;
    const std::string base(prefix::kExact);
    for (const std::string& head : heads) {
        const std::string start = base + head;
        for (auto it = db.allterms_begin(start); it != db.allterms_end(start) && budget > 0; ++it, --budget) {
            const std::string term = *it;
            const std::string_view exact = std::string_view(term).substr(base.size());
            if (exact.size() < folded.size() || exact.size() > folded.size() * 2 + 4) continue;
            std::string fold = quick_fold(exact);
            if (fold.empty()) fold = analyzer.fold(exact);
            if (fold != folded) continue;
            if (it.get_termfreq() > best_freq) {
                best_freq = it.get_termfreq();
                best = std::string(exact);
            }
        }
    }
    return best;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/// Upper-cases the letter at byte `i` (ASCII or Latin-1 « é » → « É »); returns its byte length.
std::size_t upper_at(std::string& word, std::size_t i) {
    if (word[i] >= 'a' && word[i] <= 'z') {
        word[i] = static_cast<char>(word[i] - 'a' + 'A');
    } else if (i + 1 < word.size() && static_cast<unsigned char>(word[i]) == 0xC3) {
        const auto c = static_cast<unsigned char>(word[i + 1]);
        if (c >= 0xA0 && c <= 0xBE && c != 0xB7) word[i + 1] = static_cast<char>(c - 0x20);
        return 2;
    }
    return 1;
}

/// Keeps the typed case: « Securiter » → « Sécurité », « OPNAI » → « OPENAI ».
std::string match_case(std::string_view typed, std::string word) {
    if (typed.empty() || word.empty() || !is_upper(typed[0])) return word;
    const bool all_caps = typed.size() > 1 && std::none_of(typed.begin(), typed.end(), [](char c) {
        return c >= 'a' && c <= 'z';
    });
    for (std::size_t i = 0; i < word.size();) {
        i += upper_at(word, i);
        if (!all_caps) break;
    }
    return word;
}

// The byte offset of 1-based character column `column` of `text` (lexemes carry columns).
std::size_t byte_of_column(std::string_view text, std::size_t column) {
    std::size_t chars = 1, i = 0;
    for (; i < text.size(); ++i)
        if (!is_continuation_byte(text[i]) && chars++ == column) break;
    return i;
}

// The examined part of `query` with everything but the words to spell-check blanked (same byte
// offsets): the query lexer decides what is a word, so operators, signs, field filters, NEAR/n and
// quotes are read as the parser reads them. Words of a text field (title:) are checked; filter
// values (company:opnai) name things, not words. Prefix searches (intel*) are left as typed.
std::string words_only(std::string_view examined) {
    std::vector<QueryNotice> notices;
    std::string masked(examined.size(), ' ');
    for (const Lexeme& l : lex_query(examined, /*strict=*/false, notices)) {
        const bool text_field = l.kind == Lex::Field && field(l.field).kind == FieldKind::Text;
        if (l.kind != Lex::Word && l.kind != Lex::Phrase && !text_field) continue;
        if (l.text.empty() || (l.kind == Lex::Word && l.text.back() == '*')) continue;
        std::size_t from = byte_of_column(examined, l.column);
        if (l.kind == Lex::Field) from += l.field.size() + 1;
        const std::size_t at = examined.find(l.text, from);
        if (at != std::string_view::npos) masked.replace(at, l.text.size(), l.text);
    }
    return masked;
}

}  // namespace

std::optional<std::string> suggest(const Xapian::Database& db, std::string_view query, const Analyzer& analyzer) {
    // The first kMaxWords space-separated chunks, within kMaxQueryBytes.
    const std::size_t examined_end = [&] {
        std::size_t words = 0, i = 0;
        while (i < query.size()) {
            std::size_t j = i;
            while (j < query.size() && is_space(query[j])) ++j;
            if (j >= query.size() || ++words > kMaxWords) break;
            while (j < query.size() && !is_space(query[j])) ++j;
            if (j > kMaxQueryBytes) break;  // a chunk cut in the middle is not examined at all
            i = j;
        }
        return i;
    }();
    const std::string masked = words_only(query.substr(0, examined_end));

    const std::vector<Token> tokens = analyzer.analyze(masked);
    std::size_t budget = kScanBudget * kMaxWords;
    std::string out;
    std::size_t copied = 0;
    bool changed = false;
    std::unordered_map<std::string, std::string> corrections;  // folded word → accented correction or ""
    std::uint32_t name_end = 0;  // words inside a protected name (« Mistral AI ») are left alone
    for (const Token& t : tokens) {
        if (t.kind == TokenKind::Name || t.kind == TokenKind::Compound) {
            if (t.kind == TokenKind::Name) name_end = std::max(name_end, t.position + t.span - 1);
            continue;
        }
        if (t.kind != TokenKind::Word || t.stopword || t.position <= name_end || budget == 0) continue;
        auto [known, fresh] = corrections.try_emplace(t.folded);
        if (fresh) {
            std::size_t word_budget = std::min(budget, kScanBudget);
            const std::size_t before = word_budget;
            const std::string folded = correct(db, t, word_budget);
            if (!folded.empty()) known->second = restore_accents(db, folded, analyzer, word_budget);
            budget -= before - word_budget;
        }
        const std::string replacement = known->second.empty() ? std::string() : match_case(t.surface, known->second);
        if (replacement.empty() || replacement == t.surface) continue;
        out.append(query.substr(copied, t.begin - copied));
        out += replacement;
        copied = t.end;
        changed = true;
    }
    if (!changed) return std::nullopt;
    out.append(query.substr(copied));
    return out;
}

}  // namespace veille
