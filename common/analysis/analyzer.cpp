// analyzer.cpp — the pipeline: ICU word spans → elisions and possessives trimmed → per-word forms
// (exact, folded, stem; cached per thread) → hyphenated compounds → protected names.
#include "common/analysis/analyzer.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_map>

#include "common/analysis/french.hpp"
#include "common/analysis/lexicon.hpp"
#include "common/analysis/normalizer.hpp"
#include "common/analysis/tokenizer.hpp"
#include "common/analysis/words.hpp"
#include "common/string_hash.hpp"
#include "common/text/ascii.hpp"

namespace veille {

namespace detail {

namespace {

struct WordForms {
    std::string exact, folded, stem;
    bool stopword = false;
};

// Per-thread memo of word forms: news text is Zipfian, so most words are seen many times and the
// ICU + Snowball work is done once per distinct surface form.
struct WordCache {
    const Lexicon* owner = nullptr;
    std::unordered_map<std::string, WordForms, StringHash, std::equal_to<>> map;
    // A direct-mapped front of `map` for the words seen last: common words are found without
    // touching the large table, whose bucket and node loads missed the CPU caches (three quarters
    // of the analyzer's own time when indexing).
    struct Recent {
        std::size_t hash = 0;
        const std::string* surface = nullptr;  // key and value of a `map` node: stable until clear()
        const WordForms* forms = nullptr;
    };
    static constexpr std::size_t kRecent = 4096;
    std::vector<Recent> recent = std::vector<Recent>(kRecent);  // on the heap: thread storage stays small

    void clear() {
        map.clear();
        std::fill(recent.begin(), recent.end(), Recent{});
    }
};

WordCache& word_cache() {
    thread_local WordCache cache;
    return cache;
}

WordForms word_forms(std::string_view surface, bool numeric, const Lexicon& lexicon) {
    WordForms f;
    f.exact = normalize_exact(surface);
    f.folded = fold_accents(f.exact);
    f.stopword = !numeric && lexicon.is_stopword(f.exact);
    f.stem = numeric || lexicon.is_protected_word(f.folded) ? f.folded : french_stem(f.folded);
    return f;
}

const WordForms& forms_of(std::string_view surface, bool numeric, const Lexicon& lexicon) {
    WordCache& cache = word_cache();
    if (cache.owner != &lexicon || cache.map.size() > 500000) {
        cache.clear();
        cache.owner = &lexicon;
    }
    const std::size_t hash = StringHash{}(surface);
    WordCache::Recent& recent = cache.recent[hash % WordCache::kRecent];
    if (recent.forms && recent.hash == hash && *recent.surface == surface) return *recent.forms;
    auto it = cache.map.find(surface);
    if (it == cache.map.end()) it = cache.map.emplace(std::string(surface), word_forms(surface, numeric, lexicon)).first;
    recent = {hash, &it->first, &it->second};
    return it->second;
}

}  // namespace

// The lexicon analyses its names while its protected words are still being collected: forms cached
// then (« openai » stemmed to « open ») must not outlive its construction.
void forget_word_forms() { word_cache().clear(); }

namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool has_digit(std::string_view s) { return s.find_first_of("0123456789") != std::string_view::npos; }

// UAX #29 keeps « Node.js » and « com.sun.star.util.PathSettings » as one word (a full stop between
// letters does not break), so neither « node » nor « PathSettings » would be found. Such a word is
// cut at each full stop that stands between two letters; add_compounds then joins the parts again,
// as it does for hyphens. Decimals (« 3.5 ») and versions (« v1.2 ») keep their full stops.
// « I.A. », « S.N.C.F »: single letters between full stops are an acronym, which normalisation joins
// (« ia ») and which must stay one word.
bool dotted_acronym(std::string_view word) {
    for (std::size_t i = 0; i < word.size(); i += 2)
        if (!is_ascii_letter(word[i]) || (i + 1 < word.size() && word[i + 1] != '.')) return false;
    return true;
}

template <typename F>
void for_each_dotted_part(std::string_view text, const WordSpan& w, F&& part) {
    std::string_view word = text.substr(w.begin, w.end - w.begin);
    // An elided article stays glued to the word here (« l’I.A. »): the acronym is what follows it.
    for (const std::string_view apostrophe : {"'", "\u2019"})
        if (const auto at = word.rfind(apostrophe); at != std::string_view::npos) word.remove_prefix(at + apostrophe.size());
    if (dotted_acronym(word)) return part(w);
    std::size_t begin = w.begin;
    for (std::size_t i = w.begin + 1; i + 1 < w.end; ++i) {
        if (text[i] != '.' || !is_ascii_letter(text[i + 1])) continue;
        const auto before = static_cast<unsigned char>(text[i - 1]);
        if (!is_ascii_letter(text[i - 1]) && before < 0x80) continue;  // a digit or a symbol before it
        part(WordSpan{begin, i, w.numeric && has_digit(text.substr(begin, i - begin))});
        begin = i + 1;
    }
    part(WordSpan{begin, w.end, w.numeric && has_digit(text.substr(begin, w.end - begin))});
}

}  // namespace

// Words only (no compounds, no names): used for text and for building the lexicon's names.
std::vector<Token> analyze_words(std::string_view text, const Lexicon& lexicon) {
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 6 + 1);  // French text: about one word per 6 bytes; no regrowth
    std::uint32_t position = 0;
    const auto add_word = [&](const WordSpan& w) {
        std::size_t begin = w.begin, end = w.end;
        // ʼ (U+02BC) is a letter to UAX #29, so « IAʼ » or a lone « ʼ » reach here: apostrophes never
        // start or end a word.
        while (begin < end && apostrophe_length(text, begin) > 0) begin += apostrophe_length(text, begin);
        while (end > begin) {
            std::size_t n = 0;
            for (std::size_t k : {1u, 2u, 3u})
                if (end - begin >= k && apostrophe_length(text, end - k) == k) n = k;
            if (n == 0) break;
            end -= n;
        }
        if (begin >= end) return;
        begin += elided_prefix_length(text.substr(begin, end - begin), lexicon);
        end -= possessive_suffix_length(text.substr(begin, end - begin));
        if (begin >= end) return;
        const std::string_view surface = text.substr(begin, end - begin);
        const WordForms& f = forms_of(surface, w.numeric, lexicon);
        if (f.folded.empty()) return;
        Token t;
        t.surface = std::string(surface);
        t.exact = f.exact;
        t.folded = f.folded;
        t.stem = f.stem;
        t.position = ++position;
        t.begin = begin;
        t.end = end;
        t.kind = w.numeric ? TokenKind::Number : TokenKind::Word;
        t.stopword = f.stopword;
        tokens.push_back(std::move(t));
    };
    for (const WordSpan& w : break_words(text)) {
        if (text.substr(w.begin, w.end - w.begin).find('.') == std::string_view::npos) add_word(w);
        else for_each_dotted_part(text, w, add_word);
    }
    return tokens;
}

}  // namespace detail

namespace {

// A hyphen (« open-source »), or a full stop or slash inside an identifier (« Node.js »,
// « github.com/mistralai », « TCP/IP »); not between numbers (« 3.5 », « 24/7 », « 12/07/2025 »).
bool joined(std::string_view text, const Token& a, const Token& b) {
    if (b.begin <= a.end) return false;
    if (hyphen_length(text, a.end) == b.begin - a.end) return true;
    const char c = text[a.end];
    return b.begin - a.end == 1 && (c == '.' || c == '/') && a.kind != TokenKind::Number &&
           b.kind != TokenKind::Number;
}

// « open-source » → « opensource », « e-mail » → « email », « Node.js » → « nodejs »: the joined form lets
// « email » find « e-mail », while the parts keep their own positions so « open source » (phrase),
// « source » and « node » find it too.
void add_compounds(std::string_view text, const std::vector<Token>& words, std::vector<Token>& extra) {
    for (std::size_t i = 0; i + 1 < words.size();) {
        std::size_t j = i;
        while (j + 1 < words.size() && joined(text, words[j], words[j + 1])) ++j;
        if (j == i) {
            ++i;
            continue;
        }
        Token c;
        c.begin = words[i].begin;
        c.end = words[j].end;
        c.surface = std::string(text.substr(c.begin, c.end - c.begin));
        bool numeric = false;
        for (std::size_t k = i; k <= j; ++k) {
            c.exact += words[k].exact;
            c.folded += words[k].folded;
            numeric = numeric || words[k].kind == TokenKind::Number;
        }
        c.stem = numeric ? c.folded : french_stem(c.folded);
        c.position = words[i].position;
        c.span = static_cast<std::uint32_t>(j - i + 1);
        c.kind = TokenKind::Compound;
        extra.push_back(std::move(c));
        i = j + 1;
    }
}

void add_names(std::string_view text, const std::vector<Token>& words, const Lexicon& lexicon,
               std::vector<Token>& extra) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto* candidates = lexicon.names_starting_with(words[i].folded);
        if (!candidates) continue;
        for (const ProtectedName& name : *candidates) {
            const std::size_t k = name.parts.size();
            if (i + k > words.size()) continue;
            bool same = true;
            for (std::size_t p = 1; p < k && same; ++p) same = words[i + p].folded == name.parts[p];
            if (!same) continue;
            // Symbols the word breaker drops (« .NET », « C++ », « F# ») are checked on the raw text.
            std::size_t b = words[i].begin, e = words[i + k - 1].end;
            if (name.whole.front() == '.' && b > 0 && text[b - 1] == '.') --b;
            while (e < text.size() && e - words[i + k - 1].end < 2 && (text[e] == '+' || text[e] == '#')) ++e;
            const std::string raw(text.substr(b, e - b));
            if (collapse_whitespace(fold_accents(normalize_exact(raw))) != name.whole) continue;
            Token n;
            n.surface = raw;
            n.exact = normalize_exact(raw);
            n.folded = name.whole;
            n.stem = name.whole;
            n.position = words[i].position;
            n.span = static_cast<std::uint32_t>(k);
            n.begin = b;
            n.end = e;
            n.kind = TokenKind::Name;
            extra.push_back(std::move(n));
            break;  // candidates are longest first
        }
    }
}

}  // namespace

const Analyzer& Analyzer::standard() {
    static const Analyzer analyzer(Lexicon::standard());
    return analyzer;
}

Analyzer::Analyzer(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}

std::vector<Token> Analyzer::analyze(std::string_view text) const {
    std::vector<Token> words = detail::analyze_words(text, *lexicon_);
    std::vector<Token> extra;
    add_compounds(text, words, extra);
    add_names(text, words, *lexicon_, extra);
    if (extra.empty()) return words;
    // Words are already in order and extras are few: sort the extras, then merge (moving Tokens,
    // four strings each, through a sort of the whole text cost 6% of indexing time).
    const auto before = [](const Token& a, const Token& b) {
        return a.position != b.position ? a.position < b.position : a.kind < b.kind;
    };
    std::stable_sort(extra.begin(), extra.end(), before);
    std::vector<Token> merged;
    merged.reserve(words.size() + extra.size());
    std::merge(std::make_move_iterator(words.begin()), std::make_move_iterator(words.end()),
               std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()),
               std::back_inserter(merged), before);
    return merged;
}

std::string Analyzer::fold(std::string_view text) const {
    return collapse_whitespace(fold_accents(normalize_exact(text)));
}

}  // namespace veille
