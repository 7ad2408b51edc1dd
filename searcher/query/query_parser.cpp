// query_parser.cpp — recursive descent over the lexemes. Runs of plain words are analysed together, so names
// (« Mistral AI »), compounds and synonyms spanning several words are seen as one unit.
#include "searcher/query/query_parser.hpp"

#include <algorithm>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/text/utf8.hpp"
#include "searcher/query/date_words.hpp"
#include "searcher/query/query_lexer.hpp"
#include "searcher/query/query_recovery.hpp"
#include "searcher/query/query_units.hpp"

namespace veille {

namespace {

constexpr int kMaxParens = 100;  // nesting deeper than any person types; recursion stays shallow
constexpr std::size_t kMaxRepairs = 32;   // lenient repairs before the whole text is read as words
constexpr std::size_t kMaxNotices = 10;   // an answer names at most this many

}  // namespace

struct QueryParser::State {
    const QueryParser& parser;
    const std::vector<Lexeme>& lex;
    std::size_t i = 0;
    int depth = 0;
    int parens = 0;  ///< parentheses open around the current position
    bool several_terms;  ///< the query has more than one word or phrase (a lone phrase stays strict)
    ParsedQuery& out;
    UnitBuilder units;

    const Lexeme& peek() const { return lex[i]; }
    const Lexeme& take() { return lex[i++]; }

    // expr := and_e (OR and_e)*
    Xapian::Query expr() {
        const std::size_t first = i;
        std::vector<Xapian::Query> alternatives{and_expr()};
        while (peek().kind == Lex::Or) {
            const auto& op = take();
            if (i - 1 == first) throw QueryError("OR needs something on its left", op.column);
            if (starts_nothing(peek().kind)) throw QueryError("OR needs something on its right", op.column);
            ++depth;  // filters under OR are not top-level drill-down filters
            alternatives.push_back(and_expr());
            --depth;
        }
        if (alternatives.size() == 1) return alternatives[0];
        return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    }

    static bool starts_nothing(Lex k) { return k == Lex::End || k == Lex::RParen || k == Lex::Or || k == Lex::And; }

    // and_e := item ((AND)? item)*  — items are combined as required / optional / prohibited.
    Xapian::Query and_expr() {
        std::vector<Xapian::Query> required, prohibited;
        std::vector<Unit> optional_units;
        std::vector<Xapian::Query> optional_other;
        std::vector<Lexeme> word_run;
        bool next_required = false;
        auto flush_words = [&] {
            if (word_run.empty()) return;
            auto run = units.from_words(word_run_text(word_run), word_run.front().column);
            for (auto& u : run) {
                if (next_required) required.push_back(u.query);
                else optional_units.push_back(std::move(u));
            }
            next_required = false;
            word_run.clear();
        };
        while (true) {
            const Lexeme& l = peek();
            if (l.kind == Lex::End || l.kind == Lex::RParen || l.kind == Lex::Or) break;
            if (l.kind == Lex::And) {
                const auto& op = take();
                if (word_run.empty() && optional_units.empty() && optional_other.empty() && required.empty() &&
                    prohibited.empty())
                    throw QueryError("AND needs something on its left", op.column);
                if (starts_nothing(peek().kind)) throw QueryError("AND needs something on its right", op.column);
                flush_words();
                // « a AND b »: both sides become required.
                if (!optional_units.empty()) {
                    required.push_back(units.combine_optional(optional_units, false));
                    optional_units.clear();
                }
                if (!optional_other.empty()) {
                    required.insert(required.end(), optional_other.begin(), optional_other.end());
                    optional_other.clear();
                }
                next_required = true;
                continue;
            }
            const bool before_near = lex[i + 1].kind == Lex::Near;  // « a NEAR b » binds its own words
            if (l.kind == Lex::Word && l.sign == 0 && !ends_with_star(l.text) && !before_near) {
                word_run.push_back(take());
                continue;
            }
            if (l.kind == Lex::Phrase && l.sign == 0 && !next_required && !before_near && several_terms &&
                parser.params_.phrase_weight > 0) {
                // An optional phrase among other words ranks its exact sequence first and still counts
                // its words: in a headline or a pasted sentence, quotes mark a quotation (« Bayrou appelle
                // "les boomers à être avec lui" ») far more often than a sequence the answer must hold.
                const Lexeme& phrase = take();
                Xapian::Query exact = units.phrase(phrase.text, false, false, phrase.column);
                if (!exact.empty())
                    optional_other.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, exact, parser.params_.phrase_weight);
                word_run.push_back(phrase);
                continue;
            }
            flush_words();
            if (l.kind == Lex::Not) {
                const auto& op = take();
                if (starts_nothing(peek().kind) || peek().kind == Lex::Not)
                    throw QueryError("NOT needs something on its right", op.column);
                ++depth;
                prohibited.push_back(primary(true));
                --depth;
                continue;
            }
            const char sign = l.sign;
            auto q = near_expr();
            if (q.empty()) continue;  // a top-level filter went to the FilterSet
            if (sign == '-') prohibited.push_back(q);
            else if (sign == '+' || next_required) required.push_back(q);
            else optional_other.push_back(q);
            next_required = false;
        }
        flush_words();
        Xapian::Query optional;
        if (!optional_units.empty() || !optional_other.empty()) {
            std::vector<Xapian::Query> parts;
            if (!optional_units.empty()) parts.push_back(units.combine_optional(optional_units, true));
            parts.insert(parts.end(), optional_other.begin(), optional_other.end());
            optional = parts.size() == 1 ? parts[0] : Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
        }
        Xapian::Query result;
        if (!required.empty()) {
            result = required.size() == 1 ? required[0]
                                          : Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
            if (!optional.empty()) result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result, optional);
        } else {
            result = optional;
        }
        if (!prohibited.empty()) {
            if (result.empty()) result = Xapian::Query::MatchAll;
            result = Xapian::Query(Xapian::Query::OP_AND_NOT, result,
                                   Xapian::Query(Xapian::Query::OP_OR, prohibited.begin(), prohibited.end()));
        }
        return result;
    }

    static bool ends_with_star(const std::string& w) { return !w.empty() && w.back() == '*'; }

    static std::string word_run_text(const std::vector<Lexeme>& run) {
        std::string text;
        for (const auto& l : run) text += (text.empty() ? "" : " ") + l.text;
        return text;
    }

    // near_e := primary (NEAR primary)*
    Xapian::Query near_expr() {
        const std::size_t start_col = peek().column;
        std::vector<Xapian::Query> sides{primary(false)};
        unsigned window = 0;
        while (peek().kind == Lex::Near) {
            const auto& op = take();
            window = std::max(window, op.near_window);
            if (peek().kind != Lex::Word && peek().kind != Lex::Phrase)
                throw QueryError("NEAR needs a word or a phrase on its right", op.column);
            sides.push_back(primary(false));
        }
        if (sides.size() == 1) return sides[0];
        std::vector<Xapian::Query> terms;
        for (const auto& s : sides) {
            if (s.empty()) throw QueryError("NEAR needs words on both sides", start_col);
            terms.push_back(s);
        }
        const auto total = static_cast<Xapian::termcount>(window + terms.size() - 1);
        try {
            return Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(), total);
        } catch (const Xapian::UnimplementedError&) {
            throw QueryError("NEAR takes single words on each side (a phrase or name cannot be NEAR)", start_col);
        }
    }

    Xapian::Query primary(bool negated) {
        const Lexeme l = take();
        switch (l.kind) {
            case Lex::LParen: {
                // Each level recurses; 10 000 nested '(' overflowed the stack (fuzz_query).
                if (++parens > kMaxParens)
                    throw QueryError("too many nested parentheses (at most " + std::to_string(kMaxParens) + ")",
                                     l.column);
                ++depth;
                Xapian::Query inner = expr();
                --depth;
                --parens;
                if (peek().kind != Lex::RParen) throw QueryError("unbalanced parenthesis: no closing ')'", l.column);
                take();
                return inner;
            }
            case Lex::RParen: throw QueryError("unbalanced parenthesis: ')' without '('", l.column);
            case Lex::Phrase: return units.phrase(l.text, l.sign == '=', false, l.column);
            case Lex::Word:
                if (ends_with_star(l.text)) return units.prefix(l.text, l.column);
                if (l.sign == '=') return units.exact(l.text, l.column);
                return units.word_group(l.text, l.column);
            case Lex::Field: return field(l, negated);
            case Lex::Not: return primary(true);
            default: break;
        }
        throw QueryError("unexpected operator", l.column);
    }

    Xapian::Query field(const Lexeme& l, bool negated) {
        if (l.field == "title") {
            const bool phrase = l.text.find(' ') != std::string::npos;
            return phrase ? units.phrase(l.text, false, true, l.column) : units.title_words(l.text, l.column);
        }
        std::string display;
        Xapian::Query q = parser.field_filter(l.field, l.text, l.column, &display);
        // Top-level, positive filters are drill-down filters (facet counts can leave them out).
        if (depth == 0 && !negated && l.sign != '-') {
            out.filters.add(l.field, l.field + ":" + display, q);
            return {};
        }
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
    }
};

void FilterSet::add(const std::string& f, std::string display, Xapian::Query query) {
    auto& values = by_field_[f];
    for (const auto& [d, q] : values)
        if (d == display) return;
    values.emplace_back(display, std::move(query));
    order_.push_back(std::move(display));
}

Xapian::Query FilterSet::combined(const std::string& except_field) const {
    std::vector<Xapian::Query> per_field;
    for (const auto& [f, values] : by_field_) {
        if (f == except_field) continue;
        std::vector<Xapian::Query> qs;
        for (const auto& [d, q] : values) qs.push_back(q);
        per_field.push_back(qs.size() == 1 ? qs[0] : Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()));
    }
    if (per_field.empty()) return {};
    return per_field.size() == 1 ? per_field[0]
                                 : Xapian::Query(Xapian::Query::OP_AND, per_field.begin(), per_field.end());
}

std::vector<std::string> FilterSet::describe() const { return order_; }

Xapian::Query ParsedQuery::full(const std::string& except_field) const {
    const Xapian::Query filter = filters.combined(except_field);
    if (filter.empty()) return scoring;
    return Xapian::Query(Xapian::Query::OP_FILTER, scoring, filter);
}

QueryParser::QueryParser(const Analyzer& analyzer, std::shared_ptr<const Gazetteer> gazetteer,
                         std::shared_ptr<const Taxonomy> taxonomy, std::shared_ptr<const Synonyms> synonyms,
                         QueryWeights params)
    : analyzer_(analyzer), gazetteer_(std::move(gazetteer)), taxonomy_(std::move(taxonomy)),
      synonyms_(std::move(synonyms)), params_(params) {}

QueryParser::~QueryParser() = default;

ParsedQuery QueryParser::parse(std::string_view query, const std::vector<std::string>& filters, bool strict,
                               const Xapian::Database* stats, std::optional<Date> today) const {
    std::vector<QueryNotice> notices;
    std::string text(query);
    if (const auto bad = invalid_utf8_offset(text)) {
        // Invalid bytes cannot be matched against anything: read them as U+FFFD, which makes no term.
        if (strict)
            throw QueryError("the query is not valid UTF-8", 1 + utf8_length(std::string_view(text).substr(0, *bad)));
        text = repair_utf8(text);
        notices.push_back({0, "octets qui ne sont pas de l’UTF-8 remplacés par « \xEF\xBF\xBD »"});
    }
    std::vector<Lexeme> lexemes = lex_query(text, strict, notices);
    // Date words leave the text before it is parsed: what remains is parsed as if they were never
    // typed, and each becomes a date: filter below, beside the --filter ones.
    std::vector<std::pair<DateWords, std::size_t>> date_words;  // and the column of its first word
    const bool date_given = std::any_of(filters.begin(), filters.end(), [](const std::string& f) { return f.starts_with("date:"); });
    if (today && !date_given) {
        std::vector<bool> dropped(lexemes.size(), false);
        for (DateWords& d : find_date_words(lexemes, *today)) {
            std::fill(dropped.begin() + static_cast<std::ptrdiff_t>(d.first),
                      dropped.begin() + static_cast<std::ptrdiff_t>(d.first + d.count), true);
            notices.push_back({0, date_words_notice(d)});
            const std::size_t column = lexemes[d.first].column;
            date_words.emplace_back(std::move(d), column);
        }
        std::size_t k = 0;
        for (std::size_t i = 0; i < lexemes.size(); ++i)
            if (!dropped[i] && k++ != i) lexemes[k - 1] = std::move(lexemes[i]);  // never a self-move
        lexemes.resize(k);
    }
    // Nothing but filters (or nothing, or a lone « * »): every article, to browse and facet.
    const bool browse = std::all_of(lexemes.begin(), lexemes.end(), [](const Lexeme& l) {
        return l.kind == Lex::Field || l.kind == Lex::End || (l.kind == Lex::Word && l.text == "*");
    });
    ParsedQuery out;
    // A lenient reading repairs one piece of syntax per failed attempt (query_recovery.hpp); each repair
    // removes or demotes a lexeme, so the loop ends, and as a last resort every lexeme is a word.
    for (std::size_t attempt = 0;; ++attempt) {
        out = ParsedQuery{};
        try {
            const auto terms = std::count_if(lexemes.begin(), lexemes.end(),
                                             [](const Lexeme& l) { return l.kind == Lex::Word || l.kind == Lex::Phrase; });
            State st{*this, lexemes, 0, 0, 0, terms > 1, out, UnitBuilder(analyzer_, synonyms_.get(), params_, out, stats)};
            Xapian::Query q = st.expr();
            if (st.peek().kind == Lex::RParen)
                throw QueryError("unbalanced parenthesis: ')' without '('", st.peek().column);
            if (st.peek().kind != Lex::End) throw QueryError("unexpected text", st.peek().column);
            out.scoring = q;
            if (auto n = st.units.stop_words_only_notice()) out.notices.push_back(std::move(*n));
            break;
        } catch (const QueryError& e) {
            if (strict) throw;
            // A few repairs set most queries right; past that, the text is read as words in one go
            // (a pasted page of stray operators must not cost one parse per operator).
            if (attempt >= kMaxRepairs || !repair_syntax(lexemes, e, notices)) {
                if (attempt > kMaxRepairs + 1) throw;  // words only cannot fail; never loop
                read_as_words(lexemes, notices);
            }
        }
    }
    for (const auto& [d, column] : date_words) {
        std::string display;
        auto dq = field_filter("date", d.value, column, &display);
        out.filters.add("date", "date:" + display, dq);
    }
    for (const auto& f : filters) {
        const auto colon = f.find(':');
        if (colon == std::string::npos || colon == 0)
            throw UsageError("--filter expects FIELD:VALUE (fields: company, topic, source, date), got '" + f + "'");
        const std::string name = f.substr(0, colon);
        field(name);  // throws UsageError listing the fields
        std::string display;
        auto fq = field_filter(name, f.substr(colon + 1), 0, &display);
        out.filters.add(name, name + ":" + display, fq);
    }
    if (out.scoring.empty()) {
        // Text that made no term at all (punctuation, symbols, ignored syntax) matches nothing, and a
        // notice says why, rather than every article.
        if (!browse && notices.empty() && out.notices.empty()) notices.push_back({0, "aucun mot à chercher dans la requête"});
        out.scoring = browse ? Xapian::Query::MatchAll : Xapian::Query::MatchNothing;
    }
    for (auto& n : out.notices) notices.push_back(std::move(n));
    if (notices.size() > kMaxNotices) {
        const std::size_t more = notices.size() - kMaxNotices + 1;
        notices.resize(kMaxNotices - 1);
        notices.push_back({0, "et " + std::to_string(more) + " autres remarques du même genre"});
    }
    out.notices = std::move(notices);
    return out;
}

}  // namespace veille
