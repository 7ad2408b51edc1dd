// search_cli_test.cpp — the real veille-search on the bundled corpus: JSON contract, filters, sort,
// paging, TREC, snippets, did-you-mean, --analyze, exit codes, determinism.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/corpus_db.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using veille::test::run_index;
using veille::test::run_search;
using veille::test::TempDir;

namespace {

// The bundled corpus and mini.jsonl, indexed once per test run (tests/support/corpus_db.hpp).
const std::string& corpus_db() { return veille::test::corpus_and_mini_db(); }

json search(const std::vector<std::string>& args) {
    std::vector<std::string> full{"--db", corpus_db(), "--json"};
    full.insert(full.end(), args.begin(), args.end());
    const auto r = run_search(full);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

}  // namespace

TEST_CASE("json output follows the README contract", "[e2e][search]") {
    const json j = search({"modèle open source"});
    for (const char* key : {"query", "total", "offset", "took_ms", "suggestion", "results", "facets"})
        CHECK(j.contains(key));
    CHECK(j["query"] == "modèle open source");
    CHECK(j["offset"] == 0);
    CHECK(j["suggestion"].is_null());
    REQUIRE(j["results"].size() == 10);
    CHECK(j["total"].get<int>() >= 10);
    double previous = 1e300;
    int rank = 0;
    for (const auto& r : j["results"]) {
        for (const char* key : {"rank", "id", "score", "title", "date", "source", "url", "companies", "topics", "snippet"})
            CHECK(r.contains(key));
        CHECK(r["rank"] == ++rank);
        CHECK(r["score"].get<double>() <= previous);
        previous = r["score"];
    }
    for (const char* facet : {"company", "topic", "date"}) {
        REQUIRE(j["facets"].contains(facet));
        for (const auto& v : j["facets"][facet]) CHECK(v["count"].get<int>() > 0);
    }
    // An article mainly about open-source models comes first.
    const std::string top = j["results"][0]["title"];
    CHECK_THAT(top, Catch::Contains("open source") || Catch::Contains("open-source") || Catch::Contains("Llama") ||
                        Catch::Contains("Mistral"));
}

TEST_CASE("snippets highlight the words as written", "[e2e][search]") {
    const json j = search({"ia", "--filter", "company:openai", "-n", "20"});
    bool elided = false;
    for (const auto& r : j["results"]) {
        const std::string s = r["snippet"];
        if (s.find("l’<mark>IA</mark>") != std::string::npos || s.find("l'<mark>IA</mark>") != std::string::npos)
            elided = true;
        CHECK(s.find("<mark>l") == std::string::npos);  // the elided article is not part of the match
    }
    CHECK(elided);
    const json sec = search({"securite"});
    REQUIRE_FALSE(sec["results"].empty());
    CHECK_THAT(sec["results"][0]["snippet"].get<std::string>(), Catch::Contains("<mark>sécurité") ||
                                                                     Catch::Contains("<mark>Sécurité"));
}

TEST_CASE("filters and drill-down facets and sort and paging", "[e2e][search]") {
    const json all = search({"cloud", "-n", "100"});
    const json orange = search({"cloud", "--filter", "company:orange", "-n", "100"});
    CHECK(orange["total"].get<int>() < all["total"].get<int>());
    for (const auto& r : orange["results"])
        CHECK(std::count(r["companies"].begin(), r["companies"].end(), "Orange") == 1);
    CHECK(orange["facets"]["company"] == all["facets"]["company"]);  // the filtered field ignores its filter

    const json inline_filter = search({"cloud company:orange", "-n", "100"});
    CHECK(inline_filter["total"] == orange["total"]);

    const json by_date = search({"intelligence artificielle", "--sort", "date", "-n", "30"});
    std::string last = "9999";
    for (const auto& r : by_date["results"]) {
        if (r["date"].is_null()) continue;
        CHECK(r["date"].get<std::string>() <= last);
        last = r["date"];
    }
    // Oldest first: ascending dates, undated articles after every dated one; same day: by relevance.
    const json oldest = search({"intelligence artificielle", "--sort", "oldest", "-n", "200"});
    std::string previous;
    bool undated_seen = false;
    for (const auto& r : oldest["results"]) {
        if (r["date"].is_null()) {
            undated_seen = true;
            continue;
        }
        CHECK_FALSE(undated_seen);
        CHECK(r["date"].get<std::string>() >= previous);
        previous = r["date"];
    }
    CHECK(oldest["total"] == by_date["total"]);
    const json july = search({"date:2025-07", "-n", "100"});
    REQUIRE(july["total"].get<int>() > 0);
    for (const auto& r : july["results"]) CHECK(r["date"].get<std::string>().rfind("2025-07", 0) == 0);
    CHECK(search({"date:\"juillet 2025\""})["total"] == july["total"]);
    // Whole months and years are matched by their filter terms, other ranges by the date slot: the
    // same articles either way.
    CHECK(search({"date:2025-07..2025-07-31"})["total"] == july["total"]);
    const json year = search({"date:2025"});
    CHECK(year["total"].get<int>() > july["total"].get<int>());
    CHECK(search({"date:2025..2025-12"})["total"] == year["total"]);
    CHECK(search({"date:2024..2025"})["total"] == search({"date:2024-01-01..2025-12-31"})["total"]);

    const json page1 = search({"puces", "-n", "5"});
    const json page2 = search({"puces", "-n", "5", "--offset", "5"});
    const json both = search({"puces", "-n", "10"});
    for (int i = 0; i < 5 && i < static_cast<int>(page2["results"].size()); ++i) {
        CHECK(page2["results"][i]["id"] == both["results"][i + 5]["id"]);
        CHECK(page2["results"][i]["rank"] == i + 6);
    }
    CHECK(page1["results"][0]["id"] == both["results"][0]["id"]);
}

TEST_CASE("same input gives the same order", "[e2e][search]") {
    const auto a = run_search({"--db", corpus_db(), "--trec", "-n", "50", "europe"});
    const auto b = run_search({"--db", corpus_db(), "--trec", "-n", "50", "europe"});
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
    // TREC lines: qid Q0 docid rank score tag
    const std::string first = a.out.substr(0, a.out.find('\n'));
    int fields = 0;
    for (std::size_t i = 0, start = 0; i <= first.size(); ++i)
        if (i == first.size() || first[i] == ' ') {
            if (i > start) ++fields;
            start = i + 1;
        }
    CHECK(fields == 6);
}

TEST_CASE("did-you-mean restores accents", "[e2e][search]") {
    const json j = search({"securiter"});
    REQUIRE(j["suggestion"].is_string());
    CHECK(j["suggestion"] == "sécurité");
    const json k = search({"inteligence artificiele"});
    REQUIRE(k["suggestion"].is_string());
    CHECK(k["suggestion"] == "intelligence artificielle");
}

TEST_CASE("errors: with --strict a bad query exits 2 with the column; a missing database exits 1", "[e2e][search]") {
    CHECK(run_search({"--db", corpus_db(), "(cloud souverain"}).exit_code == 0);  // lenient by default
    const auto bad = run_search({"--db", corpus_db(), "--strict", "(cloud souverain"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "veille-search: query column 1: unbalanced parenthesis: no closing ')'\n");
    const auto date = run_search({"--db", corpus_db(), "--strict", "cloud date:2025-13"});
    CHECK(date.exit_code == 2);
    CHECK_THAT(date.err, Catch::Contains("column 7"));
    TempDir tmp;
    const auto missing = run_search({"--db", tmp / "nothing", "cloud"});
    CHECK(missing.exit_code == 1);
    CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);
    CHECK(run_search({"--db", corpus_db(), "--sort", "sideways", "cloud"}).exit_code == 2);
}

TEST_CASE("analyze shows tokens and terms", "[e2e][search][analysis]") {
    const auto r = run_search({"--analyze", "L’entreprise d'OpenAI", "--json"});
    REQUIRE(r.exit_code == 0);
    const json j = json::parse(r.out);
    REQUIRE(j["tokens"].size() == 2);
    CHECK(j["tokens"][0]["folded"] == "entreprise");
    CHECK(j["tokens"][1]["stem"] == "openai");
}

TEST_CASE("human view has no colour codes when not a terminal", "[e2e][search]") {
    const auto r = run_search({"--db", corpus_db(), "Nvidia"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK_THAT(r.out, Catch::Contains("Nvidia"));
}

TEST_CASE("explain shows matched terms and synonyms", "[e2e][search]") {
    const json j = search({"ia", "--explain", "-n", "3"});
    REQUIRE_FALSE(j["results"].empty());
    const std::string why = j["results"][0]["explanation"];
    CHECK_THAT(why, Catch::Contains("score"));
    CHECK_THAT(why, Catch::Contains("synonyms: ia"));
    const auto human = run_search({"--db", corpus_db(), "--explain", "-n", "1", "Nvidia"});
    CHECK_THAT(human.out, Catch::Contains("Znvidia"));
}

TEST_CASE("recency boost favours recent articles", "[e2e][search]") {
    auto mean_year = [](const json& j) {
        double sum = 0;
        int n = 0;
        for (const auto& r : j["results"])
            if (r["date"].is_string()) {
                const std::string d = r["date"];
                sum += std::stoi(d.substr(0, 4)) + (d.size() >= 7 ? std::stoi(d.substr(5, 2)) / 12.0 : 0.0);
                ++n;
            }
        return n ? sum / n : 0.0;
    };
    const json plain = search({"intelligence artificielle", "-n", "5"});
    const json recent = search({"intelligence artificielle", "-n", "5", "--recency", "365"});
    CHECK(recent["total"] == plain["total"]);  // a boost, never a filter
    CHECK(mean_year(recent) > mean_year(plain));
}

TEST_CASE("a phrase with a stop word matches across the gap it leaves, in order and nearby only",
          "[e2e][search]") {
    TempDir dir;
    const std::string db = dir / "db";
    const auto corpus = dir.write(
        "phrases.jsonl",
        R"({"id":"ordre","title":"Linux 6.12","body":"Le noyau améliore son système de fichiers Btrfs."})"
        "\n"
        R"({"id":"inverse","title":"Stockage","body":"Des fichiers partagés, puis un système plus robuste."})"
        "\n"
        R"({"id":"loin","title":"Serveurs","body":"Un système bien conçu range aussi ses vieux fichiers."})"
        "\n");
    REQUIRE(run_index({"--db", db, corpus}).exit_code == 0);
    const auto r = run_search({"--db", db, "--json", "\"système de fichiers\""});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json j = json::parse(r.out);
    REQUIRE(j["total"] == 1);
    CHECK(j["results"][0]["id"] == "ordre");
    // A stop word alone is not indexed: it finds nothing rather than every article.
    CHECK(json::parse(run_search({"--db", db, "--json", "\"de la\""}).out)["total"] == 0);
}

TEST_CASE("time limit: past it, the results stay exact and the counts say they are partial", "[e2e][search]") {
    // A limit already past when counting begins (parsing alone takes longer): the count stops at once.
    for (const char* q : {"puces", "modèles de langage", "Nvidia"}) {
        DYNAMIC_SECTION("« " << q << " »") {
            const json whole = search({q});
            const json cut = search({"--time-limit", "0.001", q});
            CHECK_FALSE(whole.value("partial", false));
            CHECK(cut["partial"] == true);
            REQUIRE(cut["notices"].size() == 1);
            CHECK_THAT(cut["notices"][0].get<std::string>(), Catch::StartsWith("temps limite de 0,001 ms atteint"));
            REQUIRE(cut["results"].size() == whole["results"].size());
            for (std::size_t i = 0; i < cut["results"].size(); ++i) {
                CHECK(cut["results"][i]["id"] == whole["results"][i]["id"]);
                CHECK(cut["results"][i]["score"] == whole["results"][i]["score"]);
            }
            // The total is a lower bound: at least the page, at most every match.
            CHECK(cut["total"].get<int>() >= static_cast<int>(cut["results"].size()));
            CHECK(cut["total"].get<int>() <= whole["total"].get<int>());
        }
    }
    // A generous limit changes nothing.
    CHECK(search({"--time-limit", "60000", "puces"})["total"] == search({"puces"})["total"]);
    CHECK_FALSE(search({"--time-limit", "60000", "puces"}).value("partial", false));
    const auto bad = run_search({"--db", corpus_db(), "--time-limit", "-5", "puces"});
    CHECK(bad.exit_code == 2);
}
