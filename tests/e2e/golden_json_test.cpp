// golden_json_test.cpp — the real binaries' --json output on the bundled corpus, compared whole with
// tests/golden/*.json: a changed score, rank, snippet, facet count, metric or field fails, with a
// unified diff. Timings ("took_ms", "seconds") and temporary paths are masked.
//
// A change meant to alter the output regenerates the files, to be reviewed in `git diff tests/golden`:
//   VEILLE_UPDATE_GOLDEN=1 ctest --test-dir build -R golden
#include <catch2/catch.hpp>

#include "tests/support/corpus_db.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/watch_db.hpp"

using veille::test::check_golden;
using veille::test::corpus_db;
using veille::test::GoldenMask;
using veille::test::run_index;
using veille::test::run_search;
using veille::test::source_file;

namespace {

// stdout of a run that must succeed (stderr shown otherwise).
std::string output_of(const veille::test::RunResult& r) {
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

std::string search_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", corpus_db(), "--json"});
    return output_of(run_search(args));
}

}  // namespace

TEST_CASE("golden: veille-search --json", "[e2e][golden][search]") {
    SECTION("words, synonyms and facets") {
        check_golden("search_ia_generative.json", search_json({"-n", "3", "IA générative"}));
    }
    SECTION("a filter, a date range in the query, sorted oldest first") {
        check_golden("search_cloud_orange_oldest.json",
                     search_json({"-n", "5", "--sort", "oldest", "cloud date:2023..2025", "--filter", "company:orange"}));
    }
    // --filter once took one value in all (« At Most 1 required but received 2 »): it repeats.
    SECTION("two --filter options, AND'ed") {
        check_golden("search_two_filters.json",
                     search_json({"-n", "3", "--filter", "company:orange", "--filter", "date:2024", "cloud"}));
    }
    SECTION("a field in the query, a page further, fewer facet values") {
        check_golden("search_topic_offset.json",
                     search_json({"-n", "3", "--offset", "2", "--facet-limit", "3", "topic:cybersecurite rançongiciel"}));
    }
    SECTION("did-you-mean") {
        check_golden("search_suggestion.json", search_json({"-n", "2", "cybersecuriter"}));
    }
    SECTION("lenient reading: notices with their columns") {
        check_golden("search_notices.json", search_json({"-n", "2", "puces) AND"}));
    }
}

TEST_CASE("golden: veille-search --explain --json", "[e2e][golden][search]") {
    check_golden("search_explain.json", search_json({"-n", "2", "--explain", "\"centre de données\" nucléaire"}));
}

TEST_CASE("golden: veille-index --explain --json", "[e2e][golden][indexer]") {
    check_golden("index_explain_reg-004.json",
                 output_of(run_index({"--db", corpus_db(), "--explain", "reg-004", "--json"})));
}

TEST_CASE("golden: veille-search eval --json", "[e2e][golden][eval]") {
    check_golden("eval_corpus.json",
                 output_of(run_search({"--db", corpus_db(), "eval", "--topics", source_file("corpus/eval/queries.tsv"),
                                       "--qrels", source_file("corpus/eval/qrels.txt"), "--json"})));
}

TEST_CASE("golden: veille-index --json summary, fresh, rerun and with rejected records", "[e2e][golden][indexer]") {
    const veille::test::TempDir dir;
    const auto db = dir / "db";
    const auto articles = source_file("corpus/articles/articles.jsonl");
    const auto bad = dir.write("bad.jsonl", "{\"id\": \"x-1\", \"title\": \"Sans corps\"}\nnot json\n");
    const GoldenMask mask{{"took_ms", "seconds"}, {{dir.path().string(), "<dir>"}}};
    check_golden("index_summary_fresh.json", output_of(run_index({"--db", db, "--json", articles})), mask);
    check_golden("index_summary_rerun.json", output_of(run_index({"--db", db, "--json", articles})), mask);
    const auto rejected = run_index({"--db", db, "--json", articles, bad});
    CHECK(rejected.exit_code == 3);
    check_golden("index_summary_rejected.json", rejected.out, mask);
}

// Two watches' first run: per watch the reading of the query (a --filter, date words from --today) and
// every match as a search lists it, newest first.
TEST_CASE("golden: veille-search watch run --json", "[e2e][golden][watch]") {
    const veille::test::WatchDb db;
    REQUIRE(db.search({"watch", "add", "rancon", "rançongiciel"}).exit_code == 0);
    REQUIRE(db.search({"watch", "add", "mistral-ete", "--filter", "topic:IA", "Mistral AI depuis juillet"}).exit_code == 0);
    check_golden("watch_run.json", output_of(db.search({"watch", "run", "--json", "--today", "2025-12-31"})));
}
