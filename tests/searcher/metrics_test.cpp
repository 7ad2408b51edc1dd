// metrics_test.cpp — trec_eval metrics against hand-computed values; run_eval on a fake search.
#include "searcher/eval/metrics.hpp"

#include "common/error.hpp"
#include "searcher/eval/eval_command.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <fstream>
#include <map>
#include <sstream>

using veille::Metric;
using veille::RankedDoc;

namespace {

// Expected values in kMetrics order: map, bpref, recip_rank, P_5, P_10, recall_100, ndcg,
// ndcg_cut_10 — as trec_eval prints them. Worked out by hand (log2 values from a calculator).
struct Case {
    const char* name;
    veille::TopicJudgments judged;
    std::vector<RankedDoc> run;
    std::array<const char*, veille::kMetricCount> expected;
};

std::vector<RankedDoc> unjudged_then(int count, RankedDoc last) {
    std::vector<RankedDoc> run;
    for (int i = 1; i <= count; ++i) run.push_back({"u" + std::to_string(100 + i), 100.0 - i});
    run.push_back(std::move(last));
    return run;
}

const std::vector<Case>& cases() {
    static const std::vector<Case> table = {
        // map (1/1 + 2/4)/3; bpref (1 + (1 - 1/2))/3, d6 and d7 skipped; P_10 fills with
        // non-relevant; ndcg (1 + 1/log2 5)/(1 + 1/log2 3 + 1/log2 4).
        {"binary, unjudged documents retrieved",
         {{"d1", 1}, {"d2", 0}, {"d3", 1}, {"d4", 1}, {"d5", 0}},
         {{"d1", 5}, {"d2", 4}, {"d6", 3}, {"d3", 2}, {"d7", 1}},
         {"0.5000", "0.5000", "1.0000", "0.4000", "0.2000", "0.6667", "0.6714", "0.6714"}},
        // Grades are the gains: dcg 2/log2 3 + 1/log2 4 + 1/log2 6, ideal 2 + 2/log2 3 + 1/log2 4
        // + 1/log2 5; bpref 0 because the only judged non-relevant doc (c) is ranked first.
        {"graded judgments",
         {{"a", 2}, {"b", 1}, {"c", 0}, {"d", 2}, {"e", 1}},
         {{"c", 0.9}, {"a", 0.8}, {"e", 0.7}, {"x", 0.6}, {"b", 0.5}},
         {"0.4417", "0.0000", "0.5000", "0.6000", "0.3000", "0.7500", "0.5125", "0.5125"}},
        // Equal scores: trec_eval ranks by docno descending, so c, b, a whatever the input order.
        {"ties broken by docno descending",
         {{"a", 1}, {"b", 0}},
         {{"a", 1.0}, {"b", 1.0}, {"c", 1.0}},
         {"0.3333", "0.0000", "0.3333", "0.2000", "0.1000", "1.0000", "0.5000", "0.5000"}},
        {"empty run", {{"a", 1}, {"b", 2}}, {}, {"0.0000", "0.0000", "0.0000", "0.0000", "0.0000", "0.0000", "0.0000", "0.0000"}},
        {"no relevant judgment",
         {{"a", 0}, {"b", 0}},
         {{"a", 3}, {"b", 2}, {"c", 1}},
         {"0.0000", "0.0000", "0.0000", "0.0000", "0.0000", "0.0000", "0.0000", "0.0000"}},
        // 20 relevant, 3 retrieved: map and recall 3/20; ideal DCG@10 uses 10 of the 20, ndcg all 20.
        {"more relevant documents than retrieved",
         [] {
             veille::TopicJudgments j;
             for (int i = 1; i <= 20; ++i) j["r" + std::to_string(100 + i)] = 1;
             return j;
         }(),
         {{"r101", 3}, {"r102", 2}, {"r103", 1}},
         {"0.1500", "0.1500", "1.0000", "0.6000", "0.3000", "0.1500", "0.3027", "0.4690"}},
        // Relevant at rank 11: outside ndcg_cut_10 and P_10; bpref 1 since unjudged docs are skipped.
        {"relevant document below the cutoff",
         {{"a", 1}},
         unjudged_then(10, {"a", 1.0}),
         {"0.0909", "1.0000", "0.0909", "0.0000", "0.0000", "1.0000", "0.2789", "0.0000"}},
        // bpref: 1 - min(2, R=1)/min(N=3, R=1) = 0 at r.
        {"bpref with more non-relevant than relevant",
         {{"r", 1}, {"n1", 0}, {"n2", 0}, {"n3", 0}},
         {{"n1", 3}, {"n2", 2}, {"r", 1}},
         {"0.3333", "0.0000", "0.3333", "0.2000", "0.1000", "1.0000", "0.5000", "0.5000"}},
        // bpref: r1 gets 1 - 1/min(3,2), r2 gets 1 - min(3,2)/2 = 0; (0.5 + 0)/2.
        {"bpref counts non-relevant above, capped at R",
         {{"r1", 1}, {"r2", 1}, {"n1", 0}, {"n2", 0}, {"n3", 0}},
         {{"n1", 5}, {"r1", 4}, {"n2", 3}, {"n3", 2}, {"r2", 1}},
         {"0.4500", "0.2500", "0.5000", "0.4000", "0.2000", "1.0000", "0.6241", "0.6241"}},
        // A negative grade is trec_eval's "pooled but unjudged": skipped by bpref, non-relevant elsewhere.
        {"negative grade is unjudged",
         {{"r", 1}, {"u", -1}, {"n", 0}},
         {{"u", 3}, {"n", 2}, {"r", 1}},
         {"0.3333", "0.0000", "0.3333", "0.2000", "0.1000", "1.0000", "0.5000", "0.5000"}},
    };
    return table;
}

}  // namespace

TEST_CASE("metrics match hand-computed trec_eval values", "[searcher][eval]") {
    for (const auto& c : cases()) {
        DYNAMIC_SECTION(c.name) {
            const auto values = veille::evaluate_query(c.run, c.judged);
            for (std::size_t i = 0; i < veille::kMetricCount; ++i) {
                const auto metric = veille::kMetrics[i];
                INFO(veille::metric_name(metric));
                CHECK(veille::format_metric(values[metric]) == c.expected[i]);
            }
        }
    }
}

TEST_CASE("run order is trec_eval's: score descending, then docno descending in byte order", "[searcher][eval]") {
    std::vector<RankedDoc> run = {{"B", 1}, {"a", 1}, {"z", 1}, {"\xC3\xA9t\xC3\xA9", 1}, {"top", 2}};
    veille::sort_like_trec_eval(run);
    std::vector<std::string> ids;
    for (const auto& d : run) ids.push_back(d.id);
    // strcmp compares unsigned bytes: UTF-8 "été" (0xC3…) sorts above every ASCII id.
    CHECK(ids == std::vector<std::string>{"top", "\xC3\xA9t\xC3\xA9", "z", "a", "B"});
}

TEST_CASE("metric names, formatting, means and unjudged share", "[searcher][eval]") {
    CHECK(veille::metric_names() == "map, bpref, recip_rank, P_5, P_10, recall_100, ndcg, ndcg_cut_10");
    CHECK(veille::find_metric("P_10") == Metric::P10);
    CHECK_FALSE(veille::find_metric("p_10"));
    CHECK(veille::format_metric(2.0 / 3.0) == "0.6667");
    CHECK(veille::round_metric(2.0 / 3.0) == 0.6667);
    CHECK(veille::format_metric(1.0) == "1.0000");

    veille::MetricValues a, b;
    a[Metric::Map] = 0.5;
    b[Metric::Map] = 0.25;
    CHECK(veille::mean({a, b})[Metric::Map] == Approx(0.375));
    CHECK(veille::mean({})[Metric::Map] == 0.0);

    const veille::TopicJudgments judged = {{"r", 1}, {"u", -1}, {"n", 0}};
    CHECK(veille::unjudged_fraction({{"u", 3}, {"n", 2}, {"x", 1}, {"r", 0}}, judged) == Approx(0.5));
    CHECK(veille::unjudged_fraction({}, judged) == 0.0);
    CHECK_THROWS_AS(veille::evaluate_query({{"a", 2}, {"a", 1}}, judged), veille::Error);
}

// --- run_eval on a fake search: missing queries, ties in engine scores, gates, baseline. ---

namespace {

struct Fixture {
    veille::test::TempDir dir;
    veille::EvalOptions opt;
    std::map<std::string, std::vector<RankedDoc>> answers;  // query → engine results
    std::ostringstream out, err;

    Fixture() {
        opt.topics = dir.write("topics.tsv", "# veille topics\nq1\tmistral\nq2\tintrouvable\nq3\tsans jugement\n");
        opt.qrels = dir.write("qrels.txt", "q1 0 a 2\nq1 0 b 0\nq1 0 c 1\nq2 0 d 1\nq9 0 z 1\n");
        // Engine ties: a, b, c share a score; the engine's order must survive into the run and metrics.
        answers["mistral"] = {{"a", 7.5}, {"b", 7.5}, {"c", 7.5}, {"e", 1.25}};
        answers["sans jugement"] = {{"a", 1.0}};
    }

    void run() {
        out.str("");
        err.str("");
        veille::run_eval(
            opt,
            [this](const std::string& query, std::size_t) {
                veille::TopicAnswer answer{answers[query], {}};
                if (query == "(") answer.notices.push_back("colonne 1 : parenthèse ouvrante sans fermeture, ignorée");
                return answer;
            },
            {{"documents", 42}, {"k1", 1.2}}, out, err);
    }

    nlohmann::json json() {
        opt.json = true;
        run();
        return nlohmann::json::parse(out.str());
    }
};

}  // namespace

TEST_CASE("run_eval scores a judged topic without results as 0, like trec_eval -c", "[searcher][eval]") {
    Fixture f;
    const auto report = f.json();
    CHECK(report["num_queries"] == 2);
    CHECK(report["documents"] == 42);
    CHECK(report["parameters"]["k1"] == 1.2);
    CHECK(report["depth"] == 1000);
    // q1 in engine order a(2), b(0), c(1), e: map (1 + 2/3)/2, P_5 2/5; q2 retrieved nothing.
    CHECK(report["queries"]["q1"]["map"] == 0.8333);
    CHECK(report["queries"]["q1"]["P_5"] == 0.4);
    CHECK(report["queries"]["q2"]["map"] == 0.0);
    CHECK_FALSE(report["queries"].contains("q3"));
    CHECK(report["metrics"]["map"] == 0.4167);
    CHECK(report["metrics"]["recip_rank"] == 0.5);
    const auto warnings = report["warnings"].dump();
    CHECK(warnings.find("topic 'q3' has no judgments") != std::string::npos);
    CHECK(warnings.find("topic 'q9'") != std::string::npos);
    CHECK(f.err.str().find("warning: topic 'q3'") != std::string::npos);
}

TEST_CASE("run_eval writes a run with strictly decreasing scores in engine order", "[searcher][eval]") {
    Fixture f;
    f.opt.run_out = f.dir / "run.txt";
    f.opt.tag = "bm25";
    f.run();
    std::ifstream in(f.opt.run_out);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str() ==
          "q1 Q0 a 1 7.500000 bm25\n"
          "q1 Q0 b 2 7.499999 bm25\n"
          "q1 Q0 c 3 7.499998 bm25\n"
          "q1 Q0 e 4 1.250000 bm25\n"
          "q3 Q0 a 1 1.000000 bm25\n");
}

TEST_CASE("run_eval prints trec_eval's table", "[searcher][eval]") {
    Fixture f;
    f.run();
    CHECK(f.out.str().rfind("map                   \tall\t0.4167\n", 0) == 0);
    CHECK(f.out.str().find("q1\t") == std::string::npos);
    f.opt.per_query = true;
    f.run();
    CHECK(f.out.str().rfind("map                   \tq1\t0.8333\nbpref                 \tq1\t", 0) == 0);
    CHECK(f.out.str().find("ndcg_cut_10           \tall\t") != std::string::npos);
}

TEST_CASE("run_eval gates: --fail-under", "[searcher][eval]") {
    Fixture f;
    f.opt.fail_under = {"map=0.4", "P_5=0.2"};
    CHECK_NOTHROW(f.run());
    f.opt.fail_under = {"map=0.5"};
    CHECK_THROWS_WITH(f.run(), Catch::Contains("map 0.4167 is under 'map=0.5'"));
    CHECK(f.out.str().find("map") == 0);  // the report is printed before the gate fails
    f.opt.fail_under = {"nDCG=0.5"};
    CHECK_THROWS_AS(f.run(), veille::UsageError);
    CHECK_THROWS_WITH(f.run(), Catch::Contains("valid metrics are map, bpref"));
    f.opt.fail_under = {"map"};
    CHECK_THROWS_AS(f.run(), veille::UsageError);
    try {
        f.opt.fail_under = {"map=0.9"};
        f.run();
        FAIL("no GateFailed");
    } catch (const veille::GateFailed& e) {
        CHECK(e.exit_code() == veille::ExitCode::GateFailed);
    }
}

TEST_CASE("run_eval gates: --baseline and --max-drop", "[searcher][eval]") {
    Fixture f;
    const auto baseline = f.json();
    auto better = baseline;
    better["metrics"]["ndcg_cut_10"] = baseline["metrics"]["ndcg_cut_10"].get<double>() + 0.05;
    better["queries"]["q1"]["ndcg_cut_10"] = 1.0;
    better["queries"]["q2"]["ndcg_cut_10"] = 0.0;
    f.opt.json = false;
    f.opt.baseline = f.dir.write("baseline.json", better.dump());
    f.opt.max_drop = 0.1;
    CHECK_NOTHROW(f.run());
    CHECK(f.out.str().find("0 wins, 1 losses, 1 ties") != std::string::npos);
    CHECK(f.out.str().find("loss\tq1\t1.0000 -> ") != std::string::npos);
    f.opt.max_drop = 0.01;
    CHECK_THROWS_WITH(f.run(), Catch::Contains("ndcg_cut_10 dropped by 0.0500") && Catch::Contains("--max-drop 0.0100"));
    f.opt.baseline = f.dir.write("same.json", baseline.dump());
    f.opt.max_drop = 0.0;
    CHECK_NOTHROW(f.run());  // no change is no drop
    f.opt.baseline = f.dir.write("bad.json", "{\"metrics\": {}}");
    CHECK_THROWS_AS(f.run(), veille::InputError);
}

TEST_CASE("run_eval runs a topic read leniently and names it in a warning at its line", "[searcher][eval]") {
    Fixture f;
    f.opt.topics = f.dir.write("bad-topics.tsv", "q1\tmistral\nq2\t(\n");
    const auto report = f.json();
    CHECK(report["metrics"]["recip_rank"].get<double>() > 0);  // q1 still scored
    CHECK(report["warnings"].dump().find("bad-topics.tsv:2: topic 'q2' read leniently: colonne 1") !=
          std::string::npos);
    f.opt.topics = f.dir.write("nojudged.tsv", "q7\tmistral\n");
    CHECK_THROWS_WITH(f.run(), Catch::Contains("nothing to evaluate"));
}
