// analyze_terms_test.cpp — veille-search --analyze shows the very terms veille-index writes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <set>
#include <string>

#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using veille::test::run_index;
using veille::test::run_search;
using veille::test::TempDir;

TEST_CASE("analyze shows exactly the terms of the indexed article", "[e2e][search][analysis]") {
    // Issue 16: --analyze restated the indexer's rule and had drifted from it (no title terms, no
    // 240-byte cut). Both now call common/index_terms; this pins that they agree.
    const std::string text = "L’intelligence artificielle d'OpenAI : les sécurités open-source de Mistral AI, "
                             "GPT-4o et Node.js, 3,5 milliards d’euros, « aujourd’hui » et l’Œuvre. é" +
                             std::string(250, 'a');
    TempDir tmp;
    const std::string jsonl = tmp.write("one.jsonl", json{{"id", "seul"}, {"title", text}, {"body", text}}.dump() + "\n");
    const auto indexed = run_index({"--db", tmp / "db", jsonl});
    INFO("stderr: " << indexed.err);
    REQUIRE(indexed.exit_code == 0);

    const auto analyzed = run_search({"--analyze", text, "--json"});
    REQUIRE(analyzed.exit_code == 0);
    const json analysis = json::parse(analyzed.out);
    std::set<std::string> shown;
    for (const auto& t : analysis["tokens"])
        for (const char* key : {"terms", "title_terms"})
            for (const auto& term : t[key]) shown.insert(term.get<std::string>());

    // The document's text terms: all but the id (Q) and the filter terms (XC, XT, XSRC, XY, XM).
    const Xapian::Database db(tmp / "db");
    REQUIRE(db.get_doccount() == 1);
    std::set<std::string> held;
    const Xapian::Document doc = db.get_document(*db.postlist_begin(""));
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (!(*it).starts_with("Q") && !(*it).starts_with("X")) held.insert(*it);
    CHECK(shown == held);
    CHECK(held.count("ZSintelligent") + held.count("ZSintellig") == 1);  // title terms are there
}

