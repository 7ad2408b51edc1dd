// ranking.hpp — every ranking parameter in one place (recorded in eval output).
#pragma once
#include <memory>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "searcher/query/query_weights.hpp"

namespace veille {

/// The query's weights (query_weights.hpp), which the query parser reads, plus the weighting scheme's
/// and the recency boost's, which only the matcher reads.
struct RankingParams : QueryWeights {
    double bm25_k1 = 1.2;
    double bm25_k2 = 0.0;
    double bm25_k3 = 1.0;
    double bm25_b = 0.75;
    double bm25_min_normlen = 0.5;
    double bm25_delta = 1.0;         ///< BM25+ lower bound of a matching word's weight (Lv & Zhai 2011); 0 = BM25
    double recency_weight = 2.0;     ///< maximum recency boost (at age 0) when --recency is given
    unsigned rerank_depth = 50;      ///< proximity re-scores this many of the words' best matches (rerank.hpp;
                                     ///< eval: 100 and 1000 measured the same on five sets, 20 lost 0.003 MRR on docs)
};

/// The parameters as a JSON object (for eval's "parameters").
nlohmann::json to_json(const RankingParams& p);

/// The weighting scheme of `p`: BM25+ (or BM25 when bm25_delta is 0).
std::unique_ptr<Xapian::Weight> make_weighting(const RankingParams& p);

}  // namespace veille
