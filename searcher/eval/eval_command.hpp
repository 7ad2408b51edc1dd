// eval_command.hpp — `veille-search eval`: topics through the search, trec_eval metrics, gates.
#pragma once
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "searcher/eval/metrics.hpp"

namespace CLI {
class App;
}

namespace veille {

/// Options of the eval subcommand (bound by define_eval_options).
struct EvalOptions {
    std::string topics;                           ///< --topics: TSV `qid<TAB>query` or TREC <top> file
    std::string qrels;                            ///< --qrels: TREC qrels `qid iter docid rel`
    std::string run_out;                          ///< --run-out: write a TREC run here ("" = none)
    std::string baseline;                         ///< --baseline: a saved `eval --json` output
    std::size_t depth = 1000;                     ///< --depth: results per topic
    bool json = false;                            ///< --json: JSON report instead of the table
    bool per_query = false;                       ///< -q: per-topic lines in the table
    std::vector<std::string> fail_under;          ///< --fail-under METRIC=X, repeatable
    std::string baseline_metric = "ndcg_cut_10";  ///< --baseline-metric
    double max_drop = 0.0;                        ///< --max-drop: allowed drop of the baseline metric
    double unjudged_warn = 0.5;                   ///< --unjudged-warn: warn above this unjudged share of a top 10
    std::string tag = "veille";                   ///< --tag: run tag, 6th column of --run-out
    bool collapse = false;                        ///< --collapse: rank stories, as a search shows them
};

/// Adds the eval subcommand's options to `sub` (CLI11), binding them to `opt`.
void define_eval_options(CLI::App& sub, EvalOptions& opt);

/// What the search answers for one topic: up to depth results in rank order, and the notices of its
/// lenient reading (syntax it ignored, stop words only…), which eval turns into warnings.
struct TopicAnswer {
    std::vector<RankedDoc> ranked;
    std::vector<std::string> notices;
};

/// Runs the search for one topic query.
using SearchFn = std::function<TopicAnswer(const std::string& query, std::size_t depth)>;

/// Runs every topic through `search`, scores the judged ones like `trec_eval -c` and prints the
/// report to `out` (trec_eval's `%-22s\t%s\t%6.4f` lines, or JSON with --json), warnings to `err`.
/// `run_info` holds "documents" (the database's document count) and the ranking parameters,
/// either under "parameters" or as its other keys. The JSON report:
///   {"metrics":   {"map":0.4123, "bpref":…, "recip_rank":…, "P_5":…, "P_10":…,
///                  "recall_100":…, "ndcg":…, "ndcg_cut_10":…},   // means over judged topics
///    "queries":   {"q01": {"map":…, …}, …},                      // every judged topic
///    "num_queries": 48, "depth": 1000,
///    "parameters": {…}, "documents": 812,
///    "warnings":  ["topic 'q51' has no judgments; it is left out of the means", …],
///    "baseline":  {"file":…, "metric":"ndcg_cut_10", "baseline":0.51, "current":0.53,
///                  "delta":0.02, "wins":["q03"], "losses":["q07"], "ties":40}}  // with --baseline
/// Every metric value is rounded to the 4 printed decimals.
/// Throws UsageError on a bad option value (unknown metric: the message lists the valid ones),
/// InputError on a malformed topics, qrels or baseline file, and GateFailed with a one-line reason when a --fail-under or --max-drop gate fails
/// (after the report is printed and the run written).
void run_eval(const EvalOptions& opt, const SearchFn& search, const nlohmann::json& run_info,
              std::ostream& out, std::ostream& err);

}  // namespace veille
