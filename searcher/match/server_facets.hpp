// server_facets.hpp — exact total and facet counts counted by the shard servers themselves, for a
// database with remote shards (xapian-tcpsrv runs only Xapian's built-in match spies).
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/query/query_parser.hpp"
#include "searcher/request.hpp"

namespace veille {

/// What count_on_servers() found.
struct ServerCounts {
    Xapian::doccount total = 0;                               ///< exact number of matches
    std::map<std::string, std::vector<FacetCount>> facets;    ///< as MatchCounter::facets()
};

/// Counts the matches of `query` (parsed into `parsed`) and its facets over `db` with one
/// Xapian::ValueCountMatchSpy per facet slot, in unweighted passes that visit every match; a
/// filtered field is counted without its own filter (drill-down), as MatchCounter does. The spy
/// counts each document's joined value (« OpenAI\nMistral AI ») once, on the server holding it;
/// the client splits the combinations: a value's count is the sum over the combinations holding it.
/// Same counts and order as MatchCounter::facets(limit).
ServerCounts count_on_servers(const Xapian::Database& db, const ParsedQuery& parsed, const Xapian::Query& query,
                              std::size_t limit);

}  // namespace veille
