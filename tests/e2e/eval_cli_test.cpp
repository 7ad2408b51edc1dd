// eval_cli_test.cpp — the real veille-index and veille-search eval on the bundled corpus.
#include "searcher/eval/judgments.hpp"
#include "searcher/eval/metrics.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

using veille::test::run_index;
using veille::test::run_search;
using veille::test::source_file;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string last_line(const std::string& text) {
    auto end = text.size();
    while (end > 0 && text[end - 1] == '\n') --end;
    const auto start = text.rfind('\n', end == 0 ? 0 : end - 1);
    return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1));
}

}  // namespace

TEST_CASE("veille-search eval on the bundled corpus", "[e2e][eval]") {
    veille::test::TempDir dir;
    const auto db = dir / "db";
    const auto topics = source_file("corpus/eval/queries.tsv");
    const auto qrels = source_file("corpus/eval/qrels.txt");
    const auto indexed = run_index({"--db", db, source_file("corpus/articles/articles.jsonl")});
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);

    const auto run = dir / "run.txt";
    const auto result = run_search({"--db", db, "eval", "--topics", topics, "--qrels", qrels, "--json", "--run-out", run});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto report = nlohmann::json::parse(result.out);

    // The --json shape the README documents.
    REQUIRE(report["metrics"].is_object());
    for (const auto metric : veille::kMetrics) {
        const std::string name(veille::metric_name(metric));
        INFO(name);
        REQUIRE(report["metrics"][name].is_number());
        CHECK(report["metrics"][name].get<double>() >= 0.0);
        CHECK(report["metrics"][name].get<double>() <= 1.0);
    }
    REQUIRE(report["queries"].is_object());
    CHECK(report["num_queries"].get<std::size_t>() == report["queries"].size());
    CHECK(report["num_queries"].get<std::size_t>() > 0);
    CHECK(report["documents"].get<long>() > 0);
    CHECK(report["parameters"].is_object());
    CHECK(report["warnings"].is_array());
    CHECK(report["depth"] == 1000);

    // --run-out: 6 columns, ranks 1, 2, …, scores strictly decreasing within each topic.
    std::map<std::string, std::vector<veille::RankedDoc>> runs;
    std::istringstream lines(slurp(run));
    std::string line;
    std::size_t count = 0;
    while (std::getline(lines, line)) {
        ++count;
        INFO("run line " << count << ": " << line);
        std::istringstream fields(line);
        std::string qid, q0, docid, rank, score, tag, extra;
        REQUIRE(static_cast<bool>(fields >> qid >> q0 >> docid >> rank >> score >> tag));
        CHECK_FALSE(static_cast<bool>(fields >> extra));
        CHECK(q0 == "Q0");
        CHECK(tag == "veille");
        auto& docs = runs[qid];
        CHECK(std::stoul(rank) == docs.size() + 1);
        const double value = std::stod(score);
        if (!docs.empty()) CHECK(value < docs.back().score);
        docs.push_back({docid, value});
    }
    CHECK(count > 0);

    // The run file alone gives the reported numbers: re-score it the way trec_eval reads it
    // (ranked by score, then docno) and compare every judged topic's values.
    const auto judged = veille::read_qrels(qrels);
    for (const auto& [qid, values] : report["queries"].items()) {
        const auto docs = runs.count(qid) ? runs[qid] : std::vector<veille::RankedDoc>{};
        const auto again = veille::evaluate_query(docs, judged.at(qid));
        for (const auto metric : veille::kMetrics) {
            const std::string name(veille::metric_name(metric));
            INFO(qid << " " << name);
            CHECK(veille::round_metric(again[metric]) == values[name].get<double>());
        }
    }

    // The human table: trec_eval's "metric<TAB>all<TAB>value" lines.
    const auto table = run_search({"--db", db, "eval", "--topics", topics, "--qrels", qrels});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.rfind("map                   \tall\t", 0) == 0);

    // A gate that cannot pass: exit 4 and a one-line reason, after the report.
    const auto gated = run_search({"--db", db, "eval", "--topics", topics, "--qrels", qrels, "--fail-under", "map=1.01"});
    CHECK(gated.exit_code == 4);
    CHECK(gated.out.rfind("map", 0) == 0);
    CHECK_THAT(last_line(gated.err), Catch::StartsWith("veille-search: gate failed: map ") &&
                                         Catch::Contains("'map=1.01'"));

    // An unknown metric is a usage error listing the valid names.
    const auto unknown = run_search({"--db", db, "eval", "--topics", topics, "--qrels", qrels, "--fail-under", "nDCG=0.5"});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("ndcg_cut_10"));

    // A malformed qrels line: exit 1, "file:line: reason".
    const auto bad = dir.write("bad.qrels", "q01 0 reg-004 1\nq01 0 reg-001\n");
    const auto broken = run_search({"--db", db, "eval", "--topics", topics, "--qrels", bad});
    CHECK(broken.exit_code == 1);
    CHECK_THAT(broken.err, Catch::Contains(bad + ":2: expected 4 fields"));

    // A baseline equal to the current run passes with --max-drop 0 and reports no change.
    const auto baseline = dir.write("baseline.json", result.out);
    const auto compared = run_search(
        {"--db", db, "eval", "--topics", topics, "--qrels", qrels, "--baseline", baseline, "--max-drop", "0"});
    INFO(compared.err);
    CHECK(compared.exit_code == 0);
    CHECK_THAT(compared.out, Catch::Contains("0 wins, 0 losses"));
}
