// rerank.hpp — relevance order in two stages: the query's words rank every match, and the proximity
// features (sequential dependence: neighbouring query words in order, and within a window in any
// order) re-score the first `rerank_depth` of them.
#pragma once
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/match/ranking.hpp"
#include "searcher/query/query_parser.hpp"

namespace veille {

/// One result of a page: where Xapian returned it, its final score, and its proximity share.
struct PageEntry {
    Xapian::MSetIterator it;
    double score = 0;
    double proximity = 0;  ///< what the pairs added to the words' score (0 past the re-scored head)
};

/// The page [offset, offset + limit) of a relevance order, and the first stage's result set.
struct RankedPage {
    Xapian::MSet mset;  ///< the words' best max(depth, offset + limit) matches (totals, estimates)
    std::vector<PageEntry> entries;
};

/// Runs `words` (sorted by relevance, then by the id slot) for its best max(depth, offset + limit)
/// matches; adds to each of the first `depth` the weight of every pair of `pairs` found in it, and
/// sorts those again (score, then id); later matches keep the first stage's order. A pair's feature
/// is BM25 (BM25+ when bm25_delta > 0) with the pair's occurrences as its frequency and the sum of its words' idf (Lucene's
/// phrase convention), scaled by proximity_ordered_weight (in order within the gap) or
/// proximity_unordered_weight (both within proximity_window positions). Features only add weight,
/// so scores never rise down the list and paging shows each match once. Positions are read for
/// `depth` documents only (« droits d'accès utilisateur », 67,000 matches of 100,000 articles:
/// 32 ms with positional sub-queries over every match). `checkatleast` goes to the first stage.
RankedPage rank_in_two_stages(const Xapian::Enquire& words, const Xapian::Database& db,
                              const std::vector<WordPair>& pairs, const RankingParams& params, Xapian::doccount offset,
                              Xapian::doccount limit, Xapian::doccount checkatleast);

}  // namespace veille
