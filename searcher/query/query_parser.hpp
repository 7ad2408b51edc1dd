// query_parser.hpp — the query language → Xapian::Query, through the shared French analyzer.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/date.hpp"
#include "searcher/query/highlights.hpp"
#include "searcher/query/query_lexer.hpp"
#include "searcher/query/query_weights.hpp"

namespace veille {

class Analyzer;
class Gazetteer;
class Taxonomy;
class Synonyms;

/// Drill-down filters: values of one field are OR'ed, different fields AND'ed.
class FilterSet {
public:
    /// Adds a filter query for `field` ("company", "topic", "source", "date"), shown as `display`.
    void add(const std::string& field, std::string display, Xapian::Query query);
    [[nodiscard]] bool empty() const { return by_field_.empty(); }
    /// The combined filter, leaving out `except_field` (facet counts of a field ignore its own filter).
    [[nodiscard]] Xapian::Query combined(const std::string& except_field = {}) const;
    /// "company:OpenAI" … in the order they were given.
    [[nodiscard]] std::vector<std::string> describe() const;
    [[nodiscard]] bool has(const std::string& field) const { return by_field_.count(field) != 0; }

private:
    std::map<std::string, std::vector<std::pair<std::string, Xapian::Query>>> by_field_;
    std::vector<std::string> order_;
};

/// Two neighbouring words of a run of free text, by their body stem terms: the proximity features
/// (rerank.hpp) look for `second` after `first` within `gap` positions (a stop word between them
/// widens it by one), and for both within the window in any order.
struct WordPair {
    std::string first, second;
    Xapian::termpos gap = 1;
    bool operator==(const WordPair&) const = default;
};

/// A parsed query: what scores, what filters, what to highlight, what was expanded.
struct ParsedQuery {
    Xapian::Query scoring;              ///< MatchAll when the query has only filters (or is empty)
    FilterSet filters;
    HighlightTerms highlights;
    std::vector<std::string> expansions;  ///< « ia → ai, intelligence artificielle » (synonyms), for --explain
    std::vector<QueryNotice> notices;     ///< what a lenient reading ignored or could not search, in order
    std::vector<WordPair> pairs;          ///< neighbouring words of free text, in order, each once (at most
                                          ///< proximity_max_pairs); not part of `scoring`
    /// The final query: scoring filtered by every filter except `except_field`'s.
    [[nodiscard]] Xapian::Query full(const std::string& except_field = {}) const;
};

/// Parses the query language (README "Query syntax"). Thread-compatible (const after construction).
class QueryParser {
public:
    QueryParser(const Analyzer& analyzer, std::shared_ptr<const Gazetteer> gazetteer,
                std::shared_ptr<const Taxonomy> taxonomy, std::shared_ptr<const Synonyms> synonyms,
                QueryWeights params);
    ~QueryParser();

    /// Parses `query` plus extra "FIELD:VALUE" filters. Lenient by default: what a person typed is
    /// never an error; syntax that cannot be read (« (et l’or ? », « AND » with nothing on its left,
    /// « date:demain ») is read as words or ignored, and ParsedQuery::notices says so. `strict`:
    /// throws QueryError (with column) instead. A bad `filters` entry throws UsageError either way.
    /// `stats`, the database to be searched, tells a set compound (« Moyen-Orient ») from a pairing
    /// (« Angers-OM ») by how often the index holds it whole; without it every compound is set.
    /// `today`: French date expressions among the words (« OpenAI depuis janvier », date_words.hpp)
    /// become date: filters relative to it, each with a notice, unless the query or `filters` already
    /// has a date; nullopt reads every word as a word.
    [[nodiscard]] ParsedQuery parse(std::string_view query, const std::vector<std::string>& filters = {},
                                    bool strict = false, const Xapian::Database* stats = nullptr,
                                    std::optional<Date> today = std::nullopt) const;

    /// The filter query of one FIELD:VALUE (company, topic, source, date); throws QueryError / UsageError.
    [[nodiscard]] Xapian::Query field_filter(const std::string& field, std::string_view value, std::size_t column,
                                             std::string* display) const;

private:
    struct State;
    const Analyzer& analyzer_;
    std::shared_ptr<const Gazetteer> gazetteer_;
    std::shared_ptr<const Taxonomy> taxonomy_;
    std::shared_ptr<const Synonyms> synonyms_;
    QueryWeights params_;
};

}  // namespace veille
