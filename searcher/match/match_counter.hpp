// match_counter.hpp — exact total and facet counts of a search, counted beside the ranking.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/match/deadline.hpp"
#include "searcher/match/facets.hpp"
#include "searcher/query/query_parser.hpp"

namespace veille {

/// Counts every match of one search and its facet values, including the drill-down counts of a
/// filtered field (that field's counts ignore its own filter, like Solr's tag/exclude).
/// Not thread-safe; one counter per search, its columns used by one thread at a time.
class MatchCounter {
public:
    /// Prepares the counting queries of `query` (the ranked query, parsed into `parsed`). The
    /// counting itself may then run on another thread: it works on its own copies of them, since
    /// Xapian::Query shares its nodes through counts that are not thread-safe.
    /// `shards`: how many shards the searched database has (their documents reach spies differently).
    MatchCounter(std::vector<FacetColumn>& columns, const ParsedQuery& parsed, const Xapian::Query& query,
                 std::size_t shards = 1);

    /// Counts while `enquire` ranks (it must visit every match: checkatleast = all documents).
    void attach(Xapian::Enquire& enquire);
    /// Counts the query's match set over `db` (as a bitmap of posting lists, else in an unweighted
    /// pass), runs the drill-down counts, and returns the number of matches. Each pass stops at
    /// `deadline` (cut_short() then says so; the counts are those of the matches seen).
    Xapian::doccount count(const Xapian::Database& db, const Deadline& deadline = {});
    /// The drill-down passes alone (after attach() and the ranking).
    void drill_down(const Xapian::Database& db, const Deadline& deadline = {});
    /// True when a pass stopped at its deadline.
    [[nodiscard]] bool cut_short() const { return cut_short_; }
    /// The counts: for each facet, its `limit` top values.
    [[nodiscard]] std::map<std::string, std::vector<FacetCount>> facets(std::size_t limit) const;

private:
    std::vector<bool> filtered_;                     // by kFacetFields index: the field has a filter
    std::string match_set_;                          // serialised match_set_only(query)
    std::vector<std::string> sides_;                 // by index: serialised drill-down query, if filtered
    std::vector<std::unique_ptr<FacetSpy>> spies_;   // by index
    bool cut_short_ = false;
};

}  // namespace veille
