// metrics.hpp — trec_eval 9.x-exact relevance metrics for one query, and their mean.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/eval/judgments.hpp"

namespace veille {

/// One retrieved document: its id (the article id, TREC docno) and its retrieval score.
struct RankedDoc {
    std::string id;
    double score = 0.0;
};

/// The metrics of `veille-search eval`, in trec_eval's printing order.
enum class Metric { Map, Bpref, RecipRank, P5, P10, Recall100, Ndcg, NdcgCut10 };

inline constexpr std::size_t kMetricCount = 8;

/// Every metric, in trec_eval's printing order (map, bpref, recip_rank, P_5, P_10, recall_100,
/// ndcg, ndcg_cut_10).
inline constexpr std::array<Metric, kMetricCount> kMetrics = {
    Metric::Map, Metric::Bpref, Metric::RecipRank, Metric::P5,
    Metric::P10, Metric::Recall100, Metric::Ndcg, Metric::NdcgCut10};

/// trec_eval's name for `metric`: "map", "P_5", "ndcg_cut_10"…
std::string_view metric_name(Metric metric);

/// The metric named `name` (exact, case-sensitive as in trec_eval), or nullopt.
std::optional<Metric> find_metric(std::string_view name);

/// "map, bpref, recip_rank, P_5, P_10, recall_100, ndcg, ndcg_cut_10", for error messages.
std::string metric_names();

/// One value per metric for one query (or their mean).
class MetricValues {
public:
    [[nodiscard]] double operator[](Metric metric) const { return values_[static_cast<std::size_t>(metric)]; }
    double& operator[](Metric metric) { return values_[static_cast<std::size_t>(metric)]; }

private:
    std::array<double, kMetricCount> values_{};
};

/// Orders `run` as trec_eval ranks a run file: score descending, equal scores by document id in
/// descending byte (strcmp) order. The rank column of a run file plays no part.
void sort_like_trec_eval(std::vector<RankedDoc>& run);

/// Every metric for one topic, exactly as trec_eval 9.x computes it at relevance level 1:
/// `run` is first ordered with sort_like_trec_eval; a document absent from `judged` (or judged
/// < 0) is non-relevant, except for bpref, which skips it; nDCG gains are the grades.
/// An empty run, or a topic without a relevant judgment, scores 0 everywhere.
/// Throws Error when a document id occurs twice in `run` (trec_eval refuses such runs).
MetricValues evaluate_query(std::vector<RankedDoc> run, const TopicJudgments& judged);

/// Mean of each metric over `per_query`, summed in the given order like trec_eval (pass the
/// queries in qid strcmp order to match it bit for bit); all zeros when `per_query` is empty.
MetricValues mean(const std::vector<MetricValues>& per_query);

/// Share of the first min(k, run size) documents of `ranked` (taken in the given order) that
/// have no judgment (absent from `judged`, or judged < 0); 0 for an empty run.
double unjudged_fraction(const std::vector<RankedDoc>& ranked, const TopicJudgments& judged,
                         std::size_t k = 10);

/// `value` as trec_eval prints it ("%6.4f"): 0.123449 → "0.1234".
std::string format_metric(double value);

/// `value` rounded to the 4 printed decimals, as a double (what --json writes and gates compare).
double round_metric(double value);

}  // namespace veille
