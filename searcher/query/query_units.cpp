// query_units.cpp — each query word matches its stem (accent-insensitive, inflection-insensitive) in
// the body and, scaled by the title weight, in the title; names and compounds match whole or as a
// phrase of their parts; synonyms are OR'ed in at a lower weight.
#include "searcher/query/query_units.hpp"

#include <algorithm>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/lexicon.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/query/synonyms.hpp"
#include "searcher/query/token_units.hpp"

namespace veille {

namespace {

using Q = Xapian::Query;

std::string term(std::string_view prefix, const std::string& word) { return std::string(prefix) + word; }

// Stop words have no terms but keep their positions (common/schema.hpp), so a phrase matches its other
// words in order within the positions the whole phrase spans: « système de fichiers » is système then
// fichiers within 3 positions, as Lucene's position gaps do. A phrase of stop words only keeps them,
// like a query of stop words only (token_units.hpp): it matches nothing, not everything.
Q phrase_of(const std::vector<const Token*>& words, std::string_view prefix) {
    const bool all_stop = std::all_of(words.begin(), words.end(), [](const Token* t) { return t->stopword; });
    std::vector<std::string> terms;
    Xapian::termpos first = 0, last = 0;
    for (const Token* t : words) {
        if (t->stopword && !all_stop) continue;
        if (terms.empty()) first = t->position;
        last = t->position;
        terms.push_back(term(prefix, t->stem));
    }
    if (terms.size() <= 1) return terms.empty() ? Q() : Q(terms[0]);
    return Q(Q::OP_PHRASE, terms.begin(), terms.end(), std::max<Xapian::termcount>(last - first + 1, terms.size()));
}

}  // namespace

UnitBuilder::UnitBuilder(const Analyzer& analyzer, const Synonyms* synonyms, const QueryWeights& params,
                         ParsedQuery& out, const Xapian::Database* stats)
    : analyzer_(analyzer), synonyms_(synonyms), params_(params), out_(out), stats_(stats) {}

void UnitBuilder::highlight(const Token& t) {
    if (is_word(t)) {
        if (!t.stopword) out_.highlights.stems.insert(t.stem);
    } else {
        out_.highlights.wholes.insert(t.folded);
    }
}

Q UnitBuilder::word_query(const Token& t) const {
    // « sûr » folds to the stop word « sur », whose stem term every article has: match it exactly.
    if (!t.stopword && analyzer_.lexicon().folds_like_stopword(t.folded)) return Q(term(prefix::kExact, t.exact));
    Q body(term(prefix::kStem, t.stem));
    if (params_.form_weight > 0 && t.stem != t.folded) {
        // The word as typed, accents aside: « ventes » ranks « ventes » above « vente » and « vendre ».
        // A plain word's folded form is its E term; an accented one's is the unprefixed term.
        const Q forms[] = {Q(term(prefix::kExact, t.folded)), Q(term(prefix::kFolded, t.folded))};
        body = Q(Q::OP_OR, body, Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_SYNONYM, std::begin(forms), std::end(forms)),
                                   params_.form_weight));
    }
    if (params_.title_weight <= 0) return body;
    return Q(Q::OP_OR, body, Q(Q::OP_SCALE_WEIGHT, Q(term(prefix::kTitleStem, t.stem)), params_.title_weight));
}

Q UnitBuilder::whole_query(const Token& whole, const std::vector<const Token*>& parts) const {
    Q whole_q(term(prefix::kStem, whole.stem));
    if (params_.title_weight > 0)
        whole_q = Q(Q::OP_OR, whole_q,
                    Q(Q::OP_SCALE_WEIGHT, Q(term(prefix::kTitleStem, whole.stem)), params_.title_weight));
    // « Mistral AI »: « ai » is a stop word, and « mistral » alone is not the name.
    const auto content = std::count_if(parts.begin(), parts.end(), [](const Token* p) { return !p->stopword; });
    if (content < 2) return whole_q;
    std::vector<Q> alone;
    if (whole.kind == TokenKind::Compound)  // « mistral » alone is not Mistral AI
        for (const Token* p : parts)
            if (!p->stopword) alone.push_back(word_query(*p));
    // A pairing is its parts, each a word of the query; the joined form adds to them as any rare
    // word would. The parts side by side are not scored again: a phrase weighs the sum of its words.
    if (is_pairing(whole, parts)) return Q(Q::OP_OR, whole_q, Q(Q::OP_OR, alone.begin(), alone.end()));
    Q q(Q::OP_OR, whole_q, phrase_of(parts, prefix::kStem));
    if (alone.empty() || params_.compound_part_weight <= 0) return q;
    // A set compound's parts found apart count a little (compound_part_weight, 0 by default).
    return Q(Q::OP_OR, q, Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, alone.begin(), alone.end()), params_.compound_part_weight));
}

// A hyphen joins two kinds of things. A set compound names one thing (« Moyen-Orient », « États-Unis »,
// « Haute-Savoie »): « orient » or « unis » alone would find other subjects, and the index holds the
// compound whole wherever its rarer part appears. A pairing juxtaposes two subjects (« Angers-OM », a
// match; « UE-Mercosur », an agreement; « post-Brexit »): articles name them apart far more often than
// joined, or never joined at all, and each part is a word of the query. The index's own document
// frequencies tell them apart, as frequency-based compound splitting does (Koehn & Knight, EACL 2003):
// a pairing is a compound found whole in fewer than `compound_split_ratio` of its rarer part's articles.
bool UnitBuilder::is_pairing(const Token& whole, const std::vector<const Token*>& parts) const {
    if (whole.kind != TokenKind::Compound || !stats_ || params_.compound_split_ratio <= 0) return false;
    Xapian::doccount rarest = 0;
    bool any = false;
    for (const Token* p : parts) {
        if (p->stopword) continue;
        const Xapian::doccount df = stats_->get_termfreq(term(prefix::kStem, p->stem));
        if (df == 0) return false;  // a part the index never holds alone: nothing to gain from it
        rarest = any ? std::min(rarest, df) : df;
        any = true;
    }
    if (!any) return false;
    const Xapian::doccount joined = stats_->get_termfreq(term(prefix::kStem, whole.stem));
    return static_cast<double>(joined) < params_.compound_split_ratio * static_cast<double>(rarest);
}

Q UnitBuilder::alternative_query(const std::string& text) {
    const auto tokens = analyzer_.analyze(text);
    std::vector<const Token*> words;
    const Token* whole = nullptr;
    for (const auto& t : tokens) {
        if (is_word(t)) words.push_back(&t);
        else if (!whole && t.span > 1) whole = &t;
        highlight(t);
    }
    if (words.empty()) return {};
    if (words.size() == 1) return word_query(*words.front());
    Q q = phrase_of(words, prefix::kStem);
    if (whole && whole->span == words.size()) q = Q(Q::OP_OR, Q(term(prefix::kStem, whole->stem)), q);
    return q;
}

void UnitBuilder::count_words(const std::vector<Token>& tokens) {
    for (const auto& t : tokens) {
        if (!is_word(t)) continue;
        if (!t.stopword) has_content_ = true;
        else if (stop_words_bytes_ < 40 && std::find(stop_words_.begin(), stop_words_.end(), t.surface) == stop_words_.end()) {
            stop_words_bytes_ += t.surface.size() + (stop_words_.empty() ? 0 : 1);
            stop_words_.push_back(t.surface);
        }
    }
}

std::optional<QueryNotice> UnitBuilder::stop_words_only_notice() const {
    // Stop words get no index term (schema version 2), so a query of nothing else finds next to
    // nothing: say so rather than answer a silent 0.
    if (has_content_ || stop_words_.empty()) return std::nullopt;
    std::string shown;
    for (const auto& w : stop_words_) shown += (shown.empty() ? "" : ", ") + w;
    return QueryNotice{0, "rien que des mots vides (" + shown + "), que l’index ne garde pas"};
}

std::vector<Unit> UnitBuilder::from_words(const std::string& text, std::size_t) {
    const auto tokens = analyzer_.analyze(text);
    count_words(tokens);
    std::vector<Unit> units;
    for (const TokenUnit& u : group_tokens(tokens).units) {
        if (u.whole) {
            highlight(*u.token);
            for (const Token* p : u.parts) highlight(*p);
            units.push_back({whole_query(*u.token, u.parts), u.token->folded, "", u.token->position});
        } else {
            highlight(*u.token);
            const Token& t = *u.token;
            // A word matched by its exact form (word_query) has no stem term to take part in pairs.
            const bool by_stem = t.stopword || !analyzer_.lexicon().folds_like_stopword(t.folded);
            units.push_back({word_query(t), t.folded, by_stem ? term(prefix::kStem, t.stem) : "", t.position});
        }
    }
    // Like web engines (32 words) and Lucene (1,024 clauses), bound the work a pasted text can ask for.
    if (units.size() > kMaxUnits) units.resize(kMaxUnits);
    if (!synonyms_) return units;
    // Synonyms: the longest run of units whose folded text is a synonym entry becomes one group.
    const std::size_t max_n = std::max<std::size_t>(1, synonyms_->max_words());
    std::vector<Unit> grouped;
    for (std::size_t i = 0; i < units.size();) {
        bool done = false;
        for (std::size_t n = std::min(max_n, units.size() - i); n >= 1 && !done; --n) {
            std::string key;
            for (std::size_t k = i; k < i + n; ++k) key += (key.empty() ? "" : " ") + units[k].label;
            const auto alternatives = synonyms_->alternatives(key);
            if (alternatives.empty()) continue;
            std::vector<Q> parts;
            if (n == 1) {
                parts.push_back(units[i].query);
            } else {
                std::vector<Q> seq;
                for (std::size_t k = i; k < i + n; ++k) seq.push_back(units[k].query);
                parts.push_back(Q(Q::OP_AND, seq.begin(), seq.end()));
            }
            std::string expansion = key + " → ";
            for (std::size_t a = 0; a < alternatives.size(); ++a) {
                Q alt = alternative_query(alternatives[a]);
                if (alt.empty()) continue;
                parts.push_back(Q(Q::OP_SCALE_WEIGHT, alt, params_.synonym_weight));
                expansion += (a ? ", " : "") + alternatives[a];
            }
            out_.expansions.push_back(expansion);
            grouped.push_back({Q(Q::OP_OR, parts.begin(), parts.end()), key, "", units[i].position});
            i += n;
            done = true;
        }
        if (!done) grouped.push_back(std::move(units[i++]));
    }
    return grouped;
}

Q UnitBuilder::word_group(const std::string& text, std::size_t column) {
    auto units = from_words(text, column);
    if (units.empty()) return {};
    std::vector<Q> qs;
    for (auto& u : units) qs.push_back(u.query);
    return qs.size() == 1 ? qs[0] : Q(Q::OP_AND, qs.begin(), qs.end());
}

Q UnitBuilder::phrase(const std::string& text, bool exact_forms, bool title, std::size_t) {
    const auto tokens = analyzer_.analyze(text);
    count_words(tokens);
    std::vector<const Token*> words;
    std::vector<Q> exact_terms;
    for (const auto& t : tokens) {
        if (!is_word(t)) continue;
        words.push_back(&t);
        if (exact_forms && !t.stopword) exact_terms.emplace_back(term(prefix::kExact, t.exact));
        highlight(t);
    }
    if (words.empty()) return {};
    Q q = phrase_of(words, title ? prefix::kTitleStem : prefix::kStem);
    if (!exact_terms.empty()) {
        exact_terms.insert(exact_terms.begin(), q);
        q = Q(Q::OP_FILTER, q, Q(Q::OP_AND, exact_terms.begin() + 1, exact_terms.end()));
    }
    return q;
}

Q UnitBuilder::title_words(const std::string& text, std::size_t) {
    std::vector<Q> qs;
    for (const auto& t : analyzer_.analyze(text)) {
        if (!is_word(t) || t.stopword) continue;
        highlight(t);
        qs.emplace_back(term(prefix::kTitleStem, t.stem));
    }
    if (qs.empty()) return {};
    return qs.size() == 1 ? qs[0] : Q(Q::OP_AND, qs.begin(), qs.end());
}

Q UnitBuilder::prefix(const std::string& text, std::size_t column) {
    const std::string stem_text = text.substr(0, text.size() - 1);
    const std::string folded = analyzer_.fold(stem_text);
    if (folded.empty() || folded.find('*') != std::string::npos)
        throw QueryError("'*' must end a word of at least one letter", column);
    out_.highlights.prefixes.insert(folded);
    // Plain words hold their folded form as E<word>, accented ones as <folded> (common/schema.hpp).
    const Q forms[] = {Q(Q::OP_WILDCARD, term(prefix::kFolded, folded), kMaxExpansion, Q::WILDCARD_LIMIT_MOST_FREQUENT),
                       Q(Q::OP_WILDCARD, term(prefix::kExact, folded), kMaxExpansion, Q::WILDCARD_LIMIT_MOST_FREQUENT)};
    return Q(Q::OP_SYNONYM, std::begin(forms), std::end(forms));
}

Q UnitBuilder::exact(const std::string& text, std::size_t) {
    std::vector<Q> qs;
    for (const auto& t : analyzer_.analyze(text)) {
        if (!is_word(t)) continue;
        highlight(t);
        qs.emplace_back(term(prefix::kExact, t.exact));
    }
    if (qs.empty()) return {};
    return qs.size() == 1 ? qs[0] : Q(Q::OP_AND, qs.begin(), qs.end());
}

// The sequential dependence model (Metzler & Croft, SIGIR 2005) scores a document by its words, by
// the query's neighbouring pairs found in order, and by the pairs found close together in any order.
// The pairs are scored on the best matches of the words only (rerank.cpp): as positional sub-queries
// OR'ed beside the words, Xapian checked positions for every match holding two neighbouring words,
// and, under a filter, Xapian 1.4 added a pair's weight to documents without it.
void UnitBuilder::record_pairs(const std::vector<Unit>& units) const {
    for (std::size_t i = 0; i + 1 < units.size() && out_.pairs.size() < params_.proximity_max_pairs; ++i) {
        const Unit& a = units[i];
        const Unit& b = units[i + 1];
        if (a.term.empty() || b.term.empty() || b.position <= a.position || a.term == b.term) continue;
        const WordPair pair{a.term, b.term, b.position - a.position};
        if (std::find(out_.pairs.begin(), out_.pairs.end(), pair) == out_.pairs.end()) out_.pairs.push_back(pair);
    }
}

Q UnitBuilder::combine_optional(const std::vector<Unit>& units, bool free_text) const {
    std::vector<Q> qs;
    for (const auto& u : units) qs.push_back(u.query);
    if (qs.size() == 1) return qs[0];
    Q any(Q::OP_OR, qs.begin(), qs.end());
    if (!free_text) return any;
    // Articles holding every word rank before those missing some, without excluding the latter.
    if (params_.coordination_weight > 0 && qs.size() <= params_.coordination_max_words)
        any = Q(Q::OP_OR, any, Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND, qs.begin(), qs.end()), params_.coordination_weight));
    if (params_.proximity_ordered_weight > 0 || params_.proximity_unordered_weight > 0) record_pairs(units);
    return any;
}

}  // namespace veille
