// query_units.hpp — analysed query words → Xapian sub-queries (word, name, compound, phrase, prefix,
// exact, synonyms, title boost, coordination). Used by the query parser only.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/query/query_lexer.hpp"
#include "searcher/query/query_weights.hpp"

namespace veille {

class Analyzer;
class Synonyms;
struct ParsedQuery;
struct Token;

/// One scored unit of a query: a word, a name, a compound, or a synonym group.
struct Unit {
    Xapian::Query query;
    std::string label;           ///< folded text, for --explain
    std::string term;            ///< the body stem term of a plain word ("" for names, compounds, synonyms)
    Xapian::termpos position = 0;  ///< the word's position in the query text (stop words count)
};

/// Builds sub-queries and records highlights and synonym expansions into the ParsedQuery.
class UnitBuilder {
public:
    /// `stats`: the database searched, for the document frequencies that split pairings (may be null).
    UnitBuilder(const Analyzer& analyzer, const Synonyms* synonyms, const QueryWeights& params, ParsedQuery& out,
                const Xapian::Database* stats = nullptr);

    /// Units of a run of plain words; stop words dropped unless every word is one.
    std::vector<Unit> from_words(const std::string& text, std::size_t column);
    /// A single signed word (+mot, -mot): all its units required together.
    Xapian::Query word_group(const std::string& text, std::size_t column);
    /// "a phrase": its words in order, a stop word counting as a gap; `exact` requires the accented
    /// forms too; `title` searches titles.
    Xapian::Query phrase(const std::string& text, bool exact, bool title, std::size_t column);
    /// title:word — words of the title only.
    Xapian::Query title_words(const std::string& text, std::size_t column);
    /// pref* — folded words starting with the prefix (at most kMaxExpansion, most frequent first).
    Xapian::Query prefix(const std::string& text, std::size_t column);
    /// =mot — the exact accented form.
    Xapian::Query exact(const std::string& text, std::size_t column);
    /// « rien que des mots vides (de, la) … » when every word of the query so far was a stop word.
    [[nodiscard]] std::optional<QueryNotice> stop_words_only_notice() const;
    /// OR of units. `free_text` (a run of words typed as text, not joined by AND) adds the AND of
    /// them scaled by the coordination weight for short queries, and records its neighbouring words
    /// in ParsedQuery::pairs for the proximity features (sequential dependence, rerank.hpp).
    Xapian::Query combine_optional(const std::vector<Unit>& units, bool free_text) const;

    static constexpr Xapian::termcount kMaxExpansion = 200;
    /// Words of one run kept for matching; the rest of a longer text is ignored.
    static constexpr std::size_t kMaxUnits = 64;

private:
    Xapian::Query word_query(const Token& t) const;
    void record_pairs(const std::vector<Unit>& units) const;
    Xapian::Query whole_query(const Token& whole, const std::vector<const Token*>& parts) const;
    [[nodiscard]] bool is_pairing(const Token& whole, const std::vector<const Token*>& parts) const;
    Xapian::Query alternative_query(const std::string& text);
    void highlight(const Token& t);
    void count_words(const std::vector<Token>& tokens);

    const Analyzer& analyzer_;
    const Synonyms* synonyms_;
    const QueryWeights& params_;
    ParsedQuery& out_;
    const Xapian::Database* stats_;
    bool has_content_ = false;  ///< a word that is not a stop word was seen
    std::vector<std::string> stop_words_;  ///< the distinct stop words seen, « de », « la »
    std::size_t stop_words_bytes_ = 0;     ///< their length joined by one byte: the list stops at 40
};

}  // namespace veille
