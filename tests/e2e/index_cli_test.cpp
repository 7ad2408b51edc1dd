// index_cli_test.cpp — the real veille-index: every input format, the --json summary, incremental
// updates, deletes, stdin, --explain and --gold, exit codes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "tests/support/json_results.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using veille::test::ids_for;
using veille::test::run_index;
using veille::test::run_search;
using veille::test::summary_of;
using veille::test::TempDir;
using veille::test::test_data;

TEST_CASE("the json summary has the documented fields", "[e2e][index]") {
    TempDir tmp;
    const auto r = run_index({"--db", tmp / "db", "--json", test_data("mini.jsonl")});
    REQUIRE(r.exit_code == 0);
    const json s = summary_of(r);
    for (const char* key : {"indexed", "updated", "unchanged", "deleted", "rejected", "errors", "seconds"})
        CHECK(s.contains(key));
    CHECK(s["indexed"].get<int>() >= 6);
    CHECK(s["rejected"] == 0);
    CHECK(s["errors"].empty());
    CHECK(r.err.empty());
}

TEST_CASE("same id replaces and unchanged is skipped and delete removes", "[e2e][index]") {
    TempDir tmp;
    const std::string db = tmp / "db";
    const std::string v1 = tmp.write("a.jsonl",
        R"({"id":"art-1","title":"Orange déploie la fibre","body":"L’opérateur Orange annonce un million de prises de fibre optique supplémentaires.","date":"2025-03-02"})" "\n"
        R"({"id":"art-2","title":"Free lance une box","body":"Iliad présente une nouvelle Freebox compatible Wi-Fi 7.","date":"2025-03-03"})" "\n");
    CHECK(summary_of(run_index({"--db", db, "--json", v1}))["indexed"] == 2);
    const json again = summary_of(run_index({"--db", db, "--json", v1}));
    CHECK(again["unchanged"] == 2);
    CHECK(again["indexed"] == 0);

    const std::string v2 = tmp.write("b.jsonl",
        R"({"id":"art-1","title":"Orange accélère sur la fibre","body":"L’opérateur Orange annonce deux millions de prises de fibre optique supplémentaires.","date":"2025-03-02"})" "\n");
    const json updated = summary_of(run_index({"--db", db, "--json", v2}));
    CHECK(updated["updated"] == 1);
    CHECK(Xapian::Database(db).get_doccount() == 2);  // never a duplicate
    CHECK(ids_for(db, "accélère") == std::vector<std::string>{"art-1"});
    CHECK(ids_for(db, "million").empty() == false);

    const json deleted = summary_of(run_index({"--db", db, "--json", "--delete", "art-2"}));
    CHECK(deleted["deleted"] == 1);
    CHECK(Xapian::Database(db).get_doccount() == 1);
    CHECK(ids_for(db, "Freebox").empty());
}

TEST_CASE("every input format is indexed and - reads JSONL from stdin", "[e2e][index]") {
    TempDir tmp;
    const std::string db = tmp / "db";
    for (const char* f : {"readers/note.md", "readers/page.html", "readers/feed.rss", "readers/feed.atom"}) {
        DYNAMIC_SECTION(f) {
            const auto r = run_index({"--db", db, "--json", test_data(f)});
            INFO(r.err);
            CHECK((r.exit_code == 0 || r.exit_code == 3));  // fixtures hold some bad items on purpose
            CHECK(summary_of(r)["indexed"].get<int>() + summary_of(r)["unchanged"].get<int>() >= 1);
        }
    }
    const auto piped = run_index({"--db", db, "--json", "-"},
        R"({"id":"stdin-1","title":"Depuis l'entrée standard","body":"Un article lu sur l’entrée standard à propos de la cybersécurité."})" "\n");
    INFO(piped.out << piped.err);
    CHECK(piped.exit_code == 0);
    CHECK(summary_of(piped)["indexed"] == 1);
    CHECK(ids_for(db, "entrée standard") == std::vector<std::string>{"stdin-1"});
}

TEST_CASE("bad records give one line each on stderr and exit 3 with the rest indexed", "[e2e][index]") {
    TempDir tmp;
    const std::string file = tmp.write("mixed.jsonl",
        R"({"id":"ok-1","title":"TSMC ouvre une usine","body":"Le fondeur TSMC inaugure une usine à Dresde."})" "\n"
        R"({"id":"bad-1","title":"Sans corps"})" "\n"
        R"({"id":"bad-2","title":"Date","body":"Texte.","date":"31/02/2025"})" "\n"
        R"({"id":"ok-2","title":"ASML livre","body":"ASML livre une machine de lithographie EUV."})" "\n");
    const auto r = run_index({"--db", tmp / "db", "--json", file});
    CHECK(r.exit_code == 3);
    const json s = summary_of(r);
    CHECK(s["indexed"] == 2);
    CHECK(s["rejected"] == 2);
    REQUIRE(s["errors"].size() == 2);
    CHECK(s["errors"][0]["line"] == 2);
    CHECK(s["errors"][1]["line"] == 3);
    // One line per rejected record, compiler style, program name first.
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 2);
    CHECK(r.err.rfind("veille-index: " + file + ":2: ", 0) == 0);

    const auto strict = run_index({"--db", tmp / "db2", "--on-error", "fail", file});
    CHECK(strict.exit_code == 1);
    CHECK_THAT(strict.err, Catch::Contains(file + ":2:"));
}

TEST_CASE("explain and gold describe extraction", "[e2e][index]") {
    TempDir tmp;
    const std::string db = tmp / "db";
    REQUIRE(run_index({"--db", db, test_data("mini.jsonl")}).exit_code == 0);
    const auto explained = run_index({"--db", db, "--explain", "mini-01", "--json"});
    REQUIRE(explained.exit_code == 0);
    const json e = json::parse(explained.out);
    CHECK(e["id"] == "mini-01");
    CHECK_FALSE(e["companies"].empty());
    CHECK(e["companies"][0]["company"] == "OpenAI");
    CHECK_FALSE(e["topics"].empty());
    CHECK(run_index({"--db", db, "--explain", "no-such-id"}).exit_code == 2);

    // A company the gazetteer lacks is shown as a name to check, not silently dropped.
    const std::string unknown = tmp.write(
        "unknown.jsonl",
        R"({"id": "fink", "title": "Double authentification", "date": "2025-06-19", "body": "Selon une enquête, la )"
        R"(double authentification par SMS est vulnérable. En cause, la société suisse qui gère ce service : Fink )"
        R"(Telecom, dont les clients comptent Google."})"
        "\n");
    REQUIRE(run_index({"--db", db, unknown}).exit_code == 0);
    const auto human = run_index({"--db", db, "--explain", "fink"});
    REQUIRE(human.exit_code == 0);
    CHECK_THAT(human.out, Catch::Contains("  Google ×1"));
    CHECK_THAT(human.out, Catch::Contains("(not in the gazetteer) « SMS » « Fink Telecom »"));
    const json fink = json::parse(run_index({"--db", db, "--explain", "fink", "--json"}).out);
    CHECK(fink["candidates"] == json::array({"SMS", "Fink Telecom"}));

    const auto gold = run_index({"--gold", veille::test::source_file("corpus/eval/gold.jsonl"), "--json",
                                 veille::test::source_file("corpus/articles/articles.jsonl")});
    INFO(gold.err);
    CHECK(gold.exit_code == 0);
    CHECK_FALSE(gold.out.empty());
}

TEST_CASE("usage errors exit 2 and a missing input is a rejected record", "[e2e][index]") {
    TempDir tmp;
    CHECK(run_index({"--db", tmp / "db", "--format", "pdf", test_data("mini.jsonl")}).exit_code == 2);
    CHECK(run_index({"--db", tmp / "db"}).exit_code == 2);
    CHECK(run_index({"--no-such-flag"}).exit_code == 2);
    const auto missing = run_index({"--db", tmp / "db", tmp / "absent.jsonl"});
    CHECK(missing.exit_code == 3);
    CHECK_THAT(missing.err, Catch::Contains("absent.jsonl: no such file or directory"));
}

TEST_CASE("the bundled articles folder holds the articles and nothing else", "[e2e][index][corpus]") {
    TempDir tmp;
    const auto r = run_index({"--db", tmp / "db", "--json", veille::test::source_file("corpus/articles")});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    const json s = summary_of(r);
    CHECK(s["indexed"] == 167);
    CHECK(s["rejected"] == 0);
    CHECK(s["errors"].empty());
    CHECK(Xapian::Database(tmp / "db").get_doccount() == 167);
}
