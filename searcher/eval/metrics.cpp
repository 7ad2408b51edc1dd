// metrics.cpp — the trec_eval 9.x measure definitions, transcribed from its m_*.c sources.
//
// Each function below follows one trec_eval file (usnistgov/trec_eval: form_res_rels.c for the
// ranking, m_map.c, m_P.c, m_recall.c, m_recip_rank.c, m_bpref.c, m_ndcg.c, m_ndcg_cut.c) down to
// the order of the floating-point operations, so that the printed 4 decimals agree even on
// values that sit on a rounding boundary. Relevance level is trec_eval's default, 1.
#include "searcher/eval/metrics.hpp"

#include "common/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <unordered_set>

namespace veille {
namespace {

constexpr int kRelevanceLevel = 1;
// form_res_rels.c: a retrieved document absent from the qrels is RELVALUE_NONPOOL (-1), one
// judged < 0 is RELVALUE_UNJUDGED (-2). None of our metrics tells the two apart, so both are -1.
constexpr int kUnjudged = -1;

constexpr std::array<std::string_view, kMetricCount> kNames = {
    "map", "bpref", "recip_rank", "P_5", "P_10", "recall_100", "ndcg", "ndcg_cut_10"};

struct Judged {
    std::vector<int> rels;        // grade of each retrieved document in rank order, kUnjudged if none
    long num_rel = 0;             // R: judged documents with grade >= 1, retrieved or not
    long num_nonrel = 0;          // N: judged documents with grade 0 (bpref's denominator)
    std::vector<int> ideal;       // grades >= 1 of every judged document, best first (ideal DCG)
};

Judged judge(const std::vector<RankedDoc>& run, const TopicJudgments& judged) {
    Judged j;
    j.rels.reserve(run.size());
    for (const auto& doc : run) {
        const auto it = judged.find(doc.id);
        j.rels.push_back(it == judged.end() || it->second < 0 ? kUnjudged : it->second);
    }
    for (const auto& [doc, rel] : judged) {
        if (rel >= kRelevanceLevel) {
            ++j.num_rel;
            j.ideal.push_back(rel);
        } else if (rel >= 0) {
            ++j.num_nonrel;
        }
    }
    std::sort(j.ideal.begin(), j.ideal.end(), std::greater<>());
    return j;
}

// m_map.c: precision at each relevant retrieved document, summed, divided by R.
double average_precision(const Judged& j) {
    long rel_so_far = 0;
    double sum = 0.0;
    for (std::size_t i = 0; i < j.rels.size(); ++i) {
        if (j.rels[i] >= kRelevanceLevel) {
            ++rel_so_far;
            sum += static_cast<double>(rel_so_far) / static_cast<double>(i + 1);
        }
    }
    return rel_so_far ? sum / static_cast<double>(j.num_rel) : 0.0;
}

// m_P.c: relevant in the top k over k, even when fewer than k were retrieved (the rest count as
// non-relevant).
double precision_at(const Judged& j, std::size_t k) {
    long rel_so_far = 0;
    for (std::size_t i = 0; i < j.rels.size() && i < k; ++i) rel_so_far += j.rels[i] >= kRelevanceLevel;
    return static_cast<double>(rel_so_far) / static_cast<double>(k);
}

// m_recall.c: relevant in the top k over R; 0 when the topic has no relevant document.
double recall_at(const Judged& j, std::size_t k) {
    if (j.num_rel == 0) return 0.0;
    long rel_so_far = 0;
    for (std::size_t i = 0; i < j.rels.size() && i < k; ++i) rel_so_far += j.rels[i] >= kRelevanceLevel;
    return static_cast<double>(rel_so_far) / static_cast<double>(j.num_rel);
}

// m_recip_rank.c: 1 / rank of the first relevant document, 0 if none was retrieved.
double reciprocal_rank(const Judged& j) {
    for (std::size_t i = 0; i < j.rels.size(); ++i)
        if (j.rels[i] >= kRelevanceLevel) return 1.0 / static_cast<double>(i + 1);
    return 0.0;
}

// m_bpref.c: for each relevant retrieved document, 1 - min(n, R) / min(N, R), where n counts the
// judged non-relevant documents ranked above it and N all judged non-relevant ones; summed and
// divided by R. Unjudged documents are skipped — they neither help nor hurt.
double bpref(const Judged& j) {
    long nonrel_so_far = 0;
    double sum = 0.0;
    for (const int rel : j.rels) {
        if (rel == kUnjudged) continue;
        if (rel < kRelevanceLevel) {
            ++nonrel_so_far;
        } else if (nonrel_so_far > 0) {
            sum += 1.0 - static_cast<double>(std::min(nonrel_so_far, j.num_rel)) /
                             static_cast<double>(std::min(j.num_nonrel, j.num_rel));
        } else {
            sum += 1.0;
        }
    }
    return j.num_rel ? sum / static_cast<double>(j.num_rel) : sum;
}

// m_ndcg.c and m_ndcg_cut.c (trec_eval ≥ 9.0.5, where both discount the document at rank r by
// log2(r + 1)): gain = grade, DCG over the retrieved documents (cut at k), ideal DCG over the
// best grades of all judged documents (cut at k); 0 when the ideal DCG is 0.
double ndcg_at(const Judged& j, std::size_t k) {
    double dcg = 0.0;
    for (std::size_t i = 0; i < j.rels.size() && i < k; ++i)
        if (j.rels[i] > 0) dcg += static_cast<double>(j.rels[i]) / std::log2(static_cast<double>(i + 2));
    double ideal = 0.0;
    for (std::size_t i = 0; i < j.ideal.size() && i < k; ++i)
        ideal += static_cast<double>(j.ideal[i]) / std::log2(static_cast<double>(i + 2));
    return ideal > 0.0 ? dcg / ideal : 0.0;
}

}  // namespace

std::string_view metric_name(Metric metric) { return kNames[static_cast<std::size_t>(metric)]; }

std::optional<Metric> find_metric(std::string_view name) {
    for (const auto metric : kMetrics)
        if (metric_name(metric) == name) return metric;
    return std::nullopt;
}

std::string metric_names() {
    std::string names;
    for (const auto metric : kMetrics) names += (names.empty() ? "" : ", ") + std::string(metric_name(metric));
    return names;
}

void sort_like_trec_eval(std::vector<RankedDoc>& run) {
    // form_res_rels.c comp_sim_docno: sim descending, then strcmp(p2->docno, p1->docno), i.e.
    // docno descending. std::string's compare orders bytes as unsigned char, as strcmp does.
    std::stable_sort(run.begin(), run.end(), [](const RankedDoc& a, const RankedDoc& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.id > b.id;
    });
}

MetricValues evaluate_query(std::vector<RankedDoc> run, const TopicJudgments& judged) {
    std::unordered_set<std::string_view> seen;
    for (const auto& doc : run)
        if (!seen.insert(doc.id).second)
            throw Error("document '" + doc.id + "' retrieved twice for one topic");
    sort_like_trec_eval(run);
    const auto j = judge(run, judged);
    MetricValues v;
    v[Metric::Map] = average_precision(j);
    v[Metric::Bpref] = bpref(j);
    v[Metric::RecipRank] = reciprocal_rank(j);
    v[Metric::P5] = precision_at(j, 5);
    v[Metric::P10] = precision_at(j, 10);
    v[Metric::Recall100] = recall_at(j, 100);
    v[Metric::Ndcg] = ndcg_at(j, j.rels.size() > j.ideal.size() ? j.rels.size() : j.ideal.size());
    v[Metric::NdcgCut10] = ndcg_at(j, 10);
    return v;
}

MetricValues mean(const std::vector<MetricValues>& per_query) {
    MetricValues sum;
    if (per_query.empty()) return sum;
    // meas_acc.c adds each query's value in turn; meas_avg.c then divides by the count.
    for (const auto& values : per_query)
        for (const auto metric : kMetrics) sum[metric] += values[metric];
    for (const auto metric : kMetrics) sum[metric] /= static_cast<double>(per_query.size());
    return sum;
}

double unjudged_fraction(const std::vector<RankedDoc>& ranked, const TopicJudgments& judged, std::size_t k) {
    const std::size_t n = std::min(k, ranked.size());
    if (n == 0) return 0.0;
    std::size_t unjudged = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto it = judged.find(ranked[i].id);
        unjudged += it == judged.end() || it->second < 0;
    }
    return static_cast<double>(unjudged) / static_cast<double>(n);
}

std::string format_metric(double value) {
    // meas_print_final.c prints "%6.4f"; printf's rounding of the binary value is the reference.
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%6.4f", value);
    return buffer;
}

double round_metric(double value) { return std::strtod(format_metric(value).c_str(), nullptr); }

}  // namespace veille
