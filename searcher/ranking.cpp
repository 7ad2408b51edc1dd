// ranking.cpp — parameters as JSON, so eval output records what produced its figures.
#include "searcher/ranking.hpp"

namespace veille {

nlohmann::json to_json(const RankingParams& p) {
    return {{"weighting", "BM25"},
            {"bm25_k1", p.bm25_k1},
            {"bm25_k2", p.bm25_k2},
            {"bm25_k3", p.bm25_k3},
            {"bm25_b", p.bm25_b},
            {"bm25_min_normlen", p.bm25_min_normlen},
            {"title_weight", p.title_weight},
            {"coordination_weight", p.coordination_weight},
            {"coordination_max_words", p.coordination_max_words},
            {"synonym_weight", p.synonym_weight},
            {"phrase_weight", p.phrase_weight},
            {"form_weight", p.form_weight},
            {"proximity_ordered_weight", p.proximity_ordered_weight},
            {"proximity_unordered_weight", p.proximity_unordered_weight},
            {"proximity_window", p.proximity_window},
            {"proximity_max_pairs", p.proximity_max_pairs},
            {"recency_weight", p.recency_weight}};
}

}  // namespace veille
