// eval_command.cpp — runs topics, writes the TREC run, prints trec_eval-style numbers, checks gates.
#include "searcher/eval/eval_command.hpp"

#include "common/error.hpp"
#include "common/text/utf8.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <set>

namespace veille {
namespace {

using Json = nlohmann::ordered_json;

struct Gate {
    Metric metric;
    double threshold;
    std::string spec;
};

struct TopicRun {
    const Topic* topic;
    std::vector<RankedDoc> ranked;     // engine order, scores as written to the run file
    std::vector<std::string> scores;   // the score column, as text
    std::vector<std::string> notices;  // what the lenient reading of the query did
};

struct Comparison {
    double baseline = 0.0, current = 0.0;
    std::vector<std::string> wins, losses;
    std::size_t ties = 0;
    std::map<std::string, std::pair<double, double>> changed;  // qid → (baseline, current)
};

// Metric values compared in units of the 4th decimal, i.e. exactly as printed: two runs that
// print the same number tie, whatever float noise lies below.
long long units(double value) { return std::llround(round_metric(value) * 1e4); }

std::vector<Gate> parse_gates(const std::vector<std::string>& specs) {
    std::vector<Gate> gates;
    for (const auto& spec : specs) {
        const auto eq = spec.rfind('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
            throw UsageError("--fail-under expects METRIC=X (e.g. ndcg_cut_10=0.5), got " + in_quotes(spec));
        const auto name = spec.substr(0, eq);
        const auto metric = find_metric(name);
        if (!metric)
            throw UsageError("--fail-under: unknown metric " + in_quotes(name) + "; valid metrics are " +
                             metric_names());
        char* end = nullptr;
        const double threshold = std::strtod(spec.c_str() + eq + 1, &end);
        if (*end != '\0' || !std::isfinite(threshold))
            throw UsageError("--fail-under: " + in_quotes(spec.substr(eq + 1)) + " is not a number in " + in_quotes(spec));
        gates.push_back({*metric, threshold, spec});
    }
    return gates;
}

void check_options(const EvalOptions& opt) {
    if (!find_metric(opt.baseline_metric))
        throw UsageError("--baseline-metric: unknown metric " + in_quotes(opt.baseline_metric) +
                         "; valid metrics are " + metric_names());
    if (opt.depth == 0) throw UsageError("--depth must be at least 1");
    if (!(opt.max_drop >= 0.0)) throw UsageError("--max-drop must be 0 or more");
    if (!(opt.unjudged_warn >= 0.0 && opt.unjudged_warn <= 1.0))
        throw UsageError("--unjudged-warn must be between 0 and 1");
    if (opt.tag.empty() || opt.tag.find_first_of(" \t\r\n") != std::string::npos)
        throw UsageError("--tag must be one word, got " + in_quotes(opt.tag));
}

// trec_eval ranks a run by score, breaking ties by docno (form_res_rels.c), never by the rank
// column. To make it see the engine's order, the written scores must be strictly decreasing:
// each is rounded to 6 decimals and, where that does not fall below the previous one, set one
// millionth under it. The metrics are then computed from those written values, so veille and
// trec_eval read the same numbers.
void fix_scores(TopicRun& run) {
    long long previous = 0;
    for (std::size_t i = 0; i < run.ranked.size(); ++i) {
        double score = run.ranked[i].score;
        if (!std::isfinite(score)) score = 0.0;
        long long micro = std::llround(std::clamp(score, -1e12, 1e12) * 1e6);
        if (i > 0 && micro >= previous) micro = previous - 1;
        previous = micro;
        const unsigned long long magnitude = micro < 0 ? -static_cast<unsigned long long>(micro) : micro;
        char text[48];
        std::snprintf(text, sizeof text, "%s%llu.%06llu", micro < 0 ? "-" : "", magnitude / 1000000,
                      magnitude % 1000000);
        run.scores.emplace_back(text);
        run.ranked[i].score = std::strtod(text, nullptr);
    }
}

// One warning per topic read leniently, up to kNamed of them, then a count: a topics file of
// thousands of questions may have many, and each warning is one line.
void lenient_warnings(const std::vector<TopicRun>& runs, const std::string& topics_file,
                      std::vector<std::string>& warnings) {
    constexpr std::size_t kNamed = 10;
    std::size_t count = 0;
    for (const auto& run : runs) {
        if (run.notices.empty()) continue;
        if (++count > kNamed) continue;
        std::string notes;
        for (const auto& n : run.notices) notes += (notes.empty() ? "" : "; ") + n;
        warnings.push_back(topics_file + ":" + std::to_string(run.topic->line) + ": topic " + in_quotes(run.topic->id) +
                           " read leniently: " + notes);
    }
    if (count > kNamed)
        warnings.push_back(std::to_string(count - kNamed) + " more topic(s) read leniently (" +
                           std::to_string(count) + " in all)");
}

TopicRun run_topic(const Topic& topic, const EvalOptions& opt, const SearchFn& search) {
    TopicRun run{&topic, {}, {}, {}};
    // The search reads every topic leniently: one mistyped question (« a-t)il ») must not cost the
    // run of all the others. What it ignored becomes a warning naming the topic.
    TopicAnswer answer = search(topic.query, opt.depth);
    run.ranked = std::move(answer.ranked);
    run.notices = std::move(answer.notices);
    if (run.ranked.size() > opt.depth) run.ranked.resize(opt.depth);
    std::set<std::string> seen;
    for (const auto& doc : run.ranked)
        if (!seen.insert(doc.id).second)
            throw Error("topic " + in_quotes(topic.id) + ": document " + in_quotes(doc.id) + " retrieved twice");
    fix_scores(run);
    return run;
}

void write_run(const std::vector<TopicRun>& runs, const EvalOptions& opt, std::ofstream& file) {
    for (const auto& run : runs) {
        for (std::size_t i = 0; i < run.ranked.size(); ++i) {
            const auto& id = run.ranked[i].id;
            if (id.find_first_of(" \t\r\n") != std::string::npos)
                throw Error("document id " + in_quotes(id) + " contains white space; it cannot go in a TREC run");
            file << run.topic->id << " Q0 " << id << ' ' << i + 1 << ' ' << run.scores[i] << ' ' << opt.tag
                 << '\n';
        }
    }
    file.flush();
    if (!file) throw InputError(opt.run_out, 0, std::string("cannot write: ") + std::strerror(errno));
}

Json load_baseline(const std::string& path, const std::string& metric) {
    std::ifstream in(path);
    if (!in) throw InputError(path, 0, std::string("cannot open: ") + std::strerror(errno));
    Json saved;
    try {
        saved = Json::parse(in);
    } catch (const Json::parse_error& e) {
        throw InputError(path, 0, std::string("not JSON: ") + e.what());
    }
    if (!saved.is_object() || !saved.contains("metrics") || !saved["metrics"].is_object() ||
        !saved["metrics"].contains(metric) || !saved["metrics"][metric].is_number())
        throw InputError(path, 0, "no number at \"metrics\".\"" + metric +
                                      "\"; a baseline is a saved `veille-search eval --json` output");
    return saved;
}

Comparison compare(const Json& saved, const std::string& metric_text, const MetricValues& mean_now,
                   const std::map<std::string, MetricValues>& now, std::vector<std::string>& warnings) {
    const auto metric = *find_metric(metric_text);
    Comparison c;
    c.baseline = saved["metrics"][metric_text].get<double>();
    c.current = round_metric(mean_now[metric]);
    const Json empty = Json::object();
    const Json& before = saved.contains("queries") && saved["queries"].is_object() ? saved["queries"] : empty;
    std::vector<std::string> missing, added;
    for (const auto& [qid, values] : now) {
        if (!before.contains(qid) || !before[qid].contains(metric_text) || !before[qid][metric_text].is_number()) {
            added.push_back(qid);
            continue;
        }
        const double b = before[qid][metric_text].get<double>();
        const double a = round_metric(values[metric]);
        const auto delta = units(a) - units(b);
        if (delta == 0) {
            ++c.ties;
            continue;
        }
        (delta > 0 ? c.wins : c.losses).push_back(qid);
        c.changed[qid] = {b, a};
    }
    for (const auto& item : before.items())
        if (!now.count(item.key())) missing.push_back(item.key());
    auto join = [](const std::vector<std::string>& ids) {
        std::string s;
        for (const auto& id : ids) s += (s.empty() ? "" : ", ") + id;
        return s;
    };
    if (!added.empty())
        warnings.push_back("baseline has no " + metric_text + " for topic(s) " + join(added) +
                           "; not compared, and the means cover different topics");
    if (!missing.empty())
        warnings.push_back("baseline topic(s) " + join(missing) +
                           " are not judged now; not compared, and the means cover different topics");
    return c;
}

std::string signed_metric(double value) { return (value >= 0 ? "+" : "") + format_metric(value); }

void print_table(std::ostream& out, const std::map<std::string, MetricValues>& per_query,
                 const MetricValues& means, bool with_queries) {
    // meas_print_single.c / meas_print_final.c: "%-22s\t%s\t%6.4f", queries first, then "all".
    char line[160];
    auto print = [&](Metric metric, const std::string& qid, double value) {
        std::snprintf(line, sizeof line, "%-22s\t%s\t", std::string(metric_name(metric)).c_str(), qid.c_str());
        out << line << format_metric(value) << '\n';
    };
    if (with_queries)
        for (const auto& [qid, values] : per_query)
            for (const auto metric : kMetrics) print(metric, qid, values[metric]);
    for (const auto metric : kMetrics) print(metric, "all", means[metric]);
}

void print_comparison(std::ostream& out, const Comparison& c, const EvalOptions& opt) {
    const double delta = static_cast<double>(units(c.current) - units(c.baseline)) / 1e4;
    out << "\nbaseline " << opt.baseline << ": " << opt.baseline_metric << ' ' << format_metric(c.baseline)
        << " -> " << format_metric(c.current) << " (" << signed_metric(delta) << "); " << c.wins.size()
        << " wins, " << c.losses.size() << " losses, " << c.ties << " ties\n";
    for (const auto& [qid, values] : c.changed) {
        const auto& [before, after] = values;
        const double d = static_cast<double>(units(after) - units(before)) / 1e4;
        out << (d > 0 ? "win \t" : "loss\t") << qid << '\t' << format_metric(before) << " -> "
            << format_metric(after) << '\t' << signed_metric(d) << '\n';
    }
}

Json metrics_json(const MetricValues& values) {
    Json j = Json::object();
    for (const auto metric : kMetrics) j[std::string(metric_name(metric))] = round_metric(values[metric]);
    return j;
}

Json report_json(const std::map<std::string, MetricValues>& per_query, const MetricValues& means,
                 const nlohmann::json& run_info, const EvalOptions& opt, const std::vector<std::string>& warnings,
                 const Comparison* comparison) {
    Json report;
    report["metrics"] = metrics_json(means);
    report["queries"] = Json::object();
    for (const auto& [qid, values] : per_query) report["queries"][qid] = metrics_json(values);
    report["num_queries"] = per_query.size();
    report["depth"] = opt.depth;
    const auto info = Json::parse(run_info.is_object() ? run_info.dump() : "{}");
    Json parameters = info.contains("parameters") ? info["parameters"] : Json::object();
    for (const auto& item : info.items())
        if (item.key() != "parameters" && item.key() != "documents") parameters[item.key()] = item.value();
    report["parameters"] = parameters;
    report["documents"] = info.contains("documents") ? info["documents"] : Json();
    report["warnings"] = warnings;
    if (comparison) {
        report["baseline"] = {{"file", opt.baseline},
                              {"metric", opt.baseline_metric},
                              {"baseline", comparison->baseline},
                              {"current", comparison->current},
                              {"delta", static_cast<double>(units(comparison->current) - units(comparison->baseline)) / 1e4},
                              {"wins", comparison->wins},
                              {"losses", comparison->losses},
                              {"ties", comparison->ties}};
    }
    return report;
}

std::string unjudged_warning(const std::vector<std::pair<std::string, double>>& heavy, double limit) {
    // A warning is one line: name a few topics, count the rest (sparse qrels flag thousands).
    constexpr std::size_t kNamed = 10;
    std::string list;
    for (std::size_t i = 0; i < heavy.size() && i < kNamed; ++i)
        list += (list.empty() ? "" : ", ") + heavy[i].first + " (" + std::to_string(std::lround(heavy[i].second * 100)) + "%)";
    if (heavy.size() > kNamed) list += " and " + std::to_string(heavy.size() - kNamed) + " more";
    return "more than " + std::to_string(std::lround(limit * 100)) + "% of the top 10 is unjudged for " +
           std::to_string(heavy.size()) + " topic(s): " + list + "; their scores are likely underestimated";
}

}  // namespace

void define_eval_options(CLI::App& sub, EvalOptions& opt) {
    std::vector<std::string> names;
    for (const auto metric : kMetrics) names.emplace_back(metric_name(metric));
    sub.add_option("--topics", opt.topics, "Topics: qid<TAB>query lines, or a TREC <top> file")
        ->required()->type_name("FILE");
    sub.add_option("--qrels", opt.qrels, "Judgments in TREC qrels format: qid iter docid rel")
        ->required()->type_name("FILE");
    sub.add_option("--depth", opt.depth, "Results retrieved and scored per topic")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))->capture_default_str();
    sub.add_flag("--json", opt.json, "Print the report as JSON")->group("Output");
    sub.add_flag("-q,--per-query", opt.per_query, "Also print one line per topic and metric")->group("Output");
    sub.add_option("--run-out", opt.run_out, "Write the ranking as a TREC run (qid Q0 docid rank score tag)")
        ->type_name("FILE")->group("Output");
    sub.add_option("--tag", opt.tag, "Run tag in the 6th column of --run-out")->capture_default_str()->group("Output");
    // Judgments name articles: folding a story's retellings under its best article would count the
    // retellings as missing. --collapse measures what a search shows instead.
    sub.add_flag("--collapse", opt.collapse, "Rank stories as a search shows them (default: every article, as qrels judge them)");
    sub.add_option("--fail-under", opt.fail_under, "Exit 4 when the mean of METRIC is below X (repeatable)")
        ->type_name("METRIC=X")->allow_extra_args(false)->group("Gates");
    auto* baseline = sub.add_option("--baseline", opt.baseline, "Compare with a saved `eval --json` output")
                         ->type_name("FILE")->group("Gates");
    sub.add_option("--baseline-metric", opt.baseline_metric, "Metric compared with the baseline")
        ->check(CLI::IsMember(names))->capture_default_str()->group("Gates");
    sub.add_option("--max-drop", opt.max_drop, "Exit 4 when the baseline metric's mean drops by more than X")
        ->check(CLI::NonNegativeNumber)->needs(baseline)->capture_default_str()->group("Gates");
    sub.add_option("--unjudged-warn", opt.unjudged_warn, "Warn when a topic's top 10 has a larger unjudged share")
        ->check(CLI::Range(0.0, 1.0))->capture_default_str()->group("Gates");
    sub.footer("Metrics (trec_eval names and definitions): " + metric_names() +
               ".\nNumbers equal `trec_eval -c -m map -m bpref -m recip_rank -m P.5,10 -m recall.100 "
               "-m ndcg -m ndcg_cut.10 QRELS RUN` on the --run-out file.\n"
               "Exit codes: 0 ok, 1 bad input file, 2 bad usage, 4 a gate failed.");
}

void run_eval(const EvalOptions& opt, const SearchFn& search, const nlohmann::json& run_info, std::ostream& out,
              std::ostream& err) {
    check_options(opt);
    const auto gates = parse_gates(opt.fail_under);
    const auto topics = read_topics(opt.topics);
    const auto qrels = read_qrels(opt.qrels);
    const Json saved = opt.baseline.empty() ? Json() : load_baseline(opt.baseline, opt.baseline_metric);
    if (std::none_of(topics.begin(), topics.end(), [&](const Topic& t) { return qrels.count(t.id) > 0; }))
        throw InputError(opt.qrels, 0, "no topic of " + opt.topics + " is judged here; nothing to evaluate");
    std::ofstream run_file;
    if (!opt.run_out.empty()) {
        run_file.open(opt.run_out, std::ios::binary | std::ios::trunc);
        if (!run_file) throw InputError(opt.run_out, 0, std::string("cannot write: ") + std::strerror(errno));
    }

    auto warnings = coverage_warnings(topics, qrels);
    std::vector<TopicRun> runs;
    runs.reserve(topics.size());
    for (const auto& topic : topics) runs.push_back(run_topic(topic, opt, search));
    if (!opt.run_out.empty()) write_run(runs, opt, run_file);
    lenient_warnings(runs, opt.topics, warnings);

    // Judged topics are scored in qid (strcmp) order, the order trec_eval accumulates its sums
    // in. A judged topic with no result scores 0 and still counts, as with `trec_eval -c`.
    std::map<std::string, MetricValues> per_query;
    std::vector<std::pair<std::string, double>> heavy;
    for (const auto& run : runs) {
        const auto judged = qrels.find(run.topic->id);
        if (judged == qrels.end()) continue;
        per_query[run.topic->id] = evaluate_query(run.ranked, judged->second);
        const double share = unjudged_fraction(run.ranked, judged->second, 10);
        if (!run.ranked.empty() && share > opt.unjudged_warn) heavy.emplace_back(run.topic->id, share);
    }
    if (!heavy.empty()) warnings.push_back(unjudged_warning(heavy, opt.unjudged_warn));
    std::vector<MetricValues> ordered;
    for (const auto& [qid, values] : per_query) ordered.push_back(values);
    const auto means = mean(ordered);

    std::optional<Comparison> comparison;
    if (!opt.baseline.empty()) comparison = compare(saved, opt.baseline_metric, means, per_query, warnings);
    for (const auto& warning : warnings) err << "warning: " << warning << '\n';

    if (opt.json) {
        out << report_json(per_query, means, run_info, opt, warnings, comparison ? &*comparison : nullptr).dump(2)
            << '\n';
    } else {
        print_table(out, per_query, means, opt.per_query);
        if (comparison) print_comparison(out, *comparison, opt);
    }
    out.flush();

    std::string failures;
    auto fail = [&](const std::string& reason) { failures += (failures.empty() ? "" : "; ") + reason; };
    for (const auto& gate : gates) {
        const double value = round_metric(means[gate.metric]);
        if (value < gate.threshold)
            fail(std::string(metric_name(gate.metric)) + " " + format_metric(value) + " is under " +
                 in_quotes(gate.spec) + " (--fail-under)");
    }
    if (comparison) {
        const double drop = static_cast<double>(units(comparison->baseline) - units(comparison->current)) / 1e4;
        if (drop > opt.max_drop + 1e-9)
            fail(opt.baseline_metric + " dropped by " + format_metric(drop) + " from the baseline (" +
                 format_metric(comparison->baseline) + " -> " + format_metric(comparison->current) +
                 "), more than --max-drop " + format_metric(opt.max_drop));
    }
    if (!failures.empty()) throw GateFailed("gate failed: " + failures);
}

}  // namespace veille
