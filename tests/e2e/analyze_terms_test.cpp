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


TEST_CASE("a title's words count three times in their stem term, once elsewhere", "[e2e][index][ranking]") {
    // schema.hpp, kTitleWdf: the title weighs inside the words' BM25 score (BM25F) rather than as a
    // second, separately saturated score.
    TempDir tmp;
    const std::string jsonl = tmp.write(
        "two.jsonl",
        json{{"id", "titre"}, {"title", "Puces sécurisées"}, {"body", "Les puces arrivent en Europe."}}.dump() + "\n" +
            json{{"id", "corps"}, {"title", "Semi-conducteurs"}, {"body", "Les puces sécurisées arrivent en Europe."}}
                .dump() +
            "\n");
    const auto indexed = run_index({"--db", tmp / "db", jsonl});
    INFO("stderr: " << indexed.err);
    REQUIRE(indexed.exit_code == 0);
    const Xapian::Database db(tmp / "db");
    const auto wdf = [&](const std::string& id, const std::string& term) -> Xapian::termcount {
        const Xapian::Document doc = db.get_document(*db.postlist_begin("Q" + id));
        auto it = doc.termlist_begin();
        it.skip_to(term);
        return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
    };
    CHECK(wdf("titre", "Zpuc") == 4);  // 3 in the title + 1 in the body
    CHECK(wdf("titre", "ZSpuc") == 1);
    CHECK(wdf("titre", "Epuces") == 2);  // the forms count each occurrence once
    CHECK(wdf("titre", "securisees") == 1);
    CHECK(wdf("corps", "Zpuc") == 1);
    CHECK(wdf("corps", "Zsemiconducteur") == 3);  // a compound of the title too

    // The article whose title holds the word ranks first among articles of the same words.
    const auto found = run_search({"--db", tmp / "db", "--json", "sécurisées"});
    REQUIRE(found.exit_code == 0);
    const json answer = json::parse(found.out);
    REQUIRE(answer["results"].size() == 2);
    CHECK(answer["results"][0]["id"] == "titre");
}
