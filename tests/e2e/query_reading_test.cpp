// query_reading_test.cpp — how the real veille-search reads what people type: lenient syntax with its
// notices, --strict, upper-case operators only, stop-word-only queries, identifiers found by their
// parts, and an eval run that survives a broken topic. Each row names the failure it pins.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/corpus_db.hpp"
#include "tests/support/json_results.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using veille::test::run_index;
using veille::test::search_json;
using veille::test::run_search;
using veille::test::TempDir;

namespace {

std::vector<std::string> ids(const json& answer) { return veille::test::ids_of(answer); }

std::string notices(const json& answer) {
    std::string out;
    for (const auto& n : answer["notices"]) out += n.get<std::string>() + "\n";
    return out;
}

struct LenientCase {
    const char* query;
    const char* same_as;  ///< plain words the query must match like ("" = not checked): same ids in the
                          ///< same order, or the same total where word positions differ (« et » holds one)
    const char* notice;   ///< a piece of the expected notice ("" = no notice at all)
    const char* reason;
};

}  // namespace

TEST_CASE("lenient reading: what a person typed is never an error, and the answer says what was ignored",
          "[e2e][search][lenient]") {
    const std::string& db = veille::test::corpus_db();
    const LenientCase cases[] = {
        {"(cloud souverain", "cloud souverain", "colonne 1 : parenthèse ouvrante sans fermeture, ignorée",
         "unclosed parenthesis: exit 2 before issue 15"},
        {"cloud) souverain", "cloud souverain", "colonne 6 : parenthèse fermante sans ouverture, ignorée",
         "a real question typed « a-t)il » stopped a whole eval run"},
        {"AND cloud souverain", "cloud souverain", "opérateur « AND » sans terme à relier, ignoré",
         "operator with nothing on its left"},
        {"cloud souverain OR", "cloud souverain", "colonne 17 : opérateur « OR »", "dangling operator at the end"},
        {"cloud NOT", "cloud", "opérateur « NOT »", "NOT with nothing to exclude"},
        {"cloud date:2025-13", "cloud 2025-13", "« date:2025-13 » n’est pas un filtre valide, lu comme du texte",
         "a bad date value is read as words, not a filter"},
        {"company: cloud", "company cloud", "« company: » sans valeur, lu comme un mot", "a field with no value"},
        {"\"cloud souverain", "cloud souverain", "colonne 1 : guillemet sans fermeture, ignoré",
         "a stray quote no longer turns the rest of the query into a phrase"},
        {"cloud + souverain", "cloud souverain", "", "a sign followed by a space is punctuation, not syntax"},
        {"cloud NEAR/x souverain", "", "NEAR/n veut une fenêtre de 1 à 999 mots", "bad NEAR window"},
        {"nuage \xFF souverain", "nuage souverain", "UTF-8", "invalid bytes are replaced, not matched against everything"},
        {"Microsoft et OpenAI", "Microsoft OpenAI", "",
         "lowercase « et » is a word: 69 of 1,500 headlines lost their article as a hard AND"},
        {"cloud ou souverain", "cloud souverain", "", "lowercase « ou » is a word"},
        {"Apple sauf Google", "Apple Google", "", "lowercase « sauf » is a word"},
        {"(et l’or ?)", "or", "", "the news topic N0830 that stopped eval: now plain words"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.reason << ": " << c.query) {
            const json answer = search_json(db, {"--", c.query});
            INFO(answer.dump().substr(0, 1500));
            if (*c.notice) CHECK_THAT(notices(answer), Catch::Contains(c.notice));
            else CHECK(answer["notices"].empty());
            if (*c.same_as) {
                const json plain = search_json(db, {"--", c.same_as});
                CHECK(answer["total"] == plain["total"]);
                if (std::string(c.reason).find("is a word") == std::string::npos) CHECK(ids(answer) == ids(plain));
            }
            // The same query with --strict: an error with a column where a notice names a column.
            const auto strict = run_search({"--db", db, "--strict", "--", c.query});
            // (An unclosed quote is not an error even then: strictly read, the phrase runs to the end.)
            if (std::string(c.notice).find("colonne") != std::string::npos && std::string(c.notice).find("guillemet") == std::string::npos) {
                CHECK(strict.exit_code == 2);
                CHECK_THAT(strict.err, Catch::Contains("column"));
            }
        }
    }
}

TEST_CASE("upper-case ET, OU, SAUF are operators; in a query all in capitals they are words",
          "[e2e][search][lenient]") {
    const std::string& db = veille::test::corpus_db();
    const json both = search_json(db, {"Microsoft ET OpenAI"});
    const json microsoft = search_json(db, {"Microsoft"});
    const json openai = search_json(db, {"OpenAI"});
    CHECK(both["total"] < microsoft["total"]);
    CHECK(both["total"] < openai["total"]);
    CHECK(ids(search_json(db, {"Microsoft AND OpenAI"})) == ids(both));
    const json either = search_json(db, {"Microsoft OU OpenAI"});
    CHECK(either["total"] >= openai["total"]);
    const json without = search_json(db, {"OpenAI SAUF Microsoft"});
    CHECK(without["total"] < openai["total"]);
    // A headline typed in capitals: ET is the word « et », so every article with either name matches.
    const json shouted = search_json(db, {"MICROSOFT ET OPENAI"});
    CHECK(shouted["total"] == search_json(db, {"MICROSOFT OPENAI"})["total"]);
}

TEST_CASE("a query of stop words only says why it finds nothing", "[e2e][search][lenient]") {
    const std::string& db = veille::test::corpus_db();
    // « aujourd'hui » alone is today's articles (issue 18, date words); as a word it is a stop word.
    for (const char* query : {"aujourd'hui", "de la", "\"de la\"", "et ou"}) {
        DYNAMIC_SECTION(query) {
            const json answer = search_json(db, {"--no-date-words", "--", query});
            CHECK_THAT(notices(answer), Catch::Contains("rien que des mots vides"));
        }
    }
    CHECK(search_json(db, {"de la sécurité"})["notices"].empty());  // one real word: no notice
    const json punctuation = search_json(db, {"!!! ???"});
    CHECK(punctuation["total"] == 0);  // not every article
    CHECK_THAT(notices(punctuation), Catch::Contains("aucun mot à chercher"));
    CHECK(search_json(db, {"*"})["total"] == search_json(db, {"--", "-zzqxw"})["total"]);  // a lone star browses
}

TEST_CASE("the human view prints the notices", "[e2e][search][lenient]") {
    const auto r = run_search({"--db", veille::test::corpus_db(), "cloud)"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("Note : colonne 6 : parenthèse fermante sans ouverture, ignorée"));
}

TEST_CASE("dotted and slashed identifiers are found by their parts and whole", "[e2e][search][analysis]") {
    TempDir tmp;
    const std::string articles = tmp.write(
        "ids.jsonl",
        R"({"id":"lo","title":"Réglages de LibreOffice","date":"2025-03-02","source":"Doc","body":"Le service com.sun.star.util.PathSettings donne les chemins ; voir text/shared/guide pour le reste."})"
        "\n"
        R"({"id":"gh","title":"Mistral publie ses poids","date":"2025-03-03","source":"Doc","body":"Le code est sur github.com/mistralai et tourne avec Node.js ou TCP/IP brut."})"
        "\n"
        R"({"id":"nb","title":"Chiffres","date":"2025-03-04","source":"Doc","body":"La version 3.5 sort le 12/07/2025, disponible 24/7."})"
        "\n");
    REQUIRE(run_index({"--db", tmp / "db", articles}).exit_code == 0);
    const std::pair<const char*, const char*> finds[] = {
        {"PathSettings", "lo"}, {"com.sun.star.util.PathSettings", "lo"}, {"guide", "lo"},
        {"mistralai", "gh"},    {"github.com/mistralai", "gh"},          {"node", "gh"},
        {"nodejs", "gh"},       {"Node.js", "gh"},                       {"tcp", "gh"},
        {"3.5", "nb"},
    };
    for (const auto& [query, id] : finds) {
        DYNAMIC_SECTION(query) {
            const json answer = search_json(tmp / "db", {query});
            REQUIRE(answer["results"].size() >= 1);
            CHECK(answer["results"][0]["id"] == id);
        }
    }
    CHECK(search_json(tmp / "db", {"35"})["total"] == 0);  // « 3.5 » is one number, not 3 and 5 joined
}

TEST_CASE("eval runs every topic, reads a broken one leniently and names it in a warning", "[e2e][eval][lenient]") {
    TempDir tmp;
    const std::string topics = tmp.write("topics.tsv",
                                         "t1\tcloud souverain\n"
                                         "t2\tQuelle durée a-t)il fallu (et l’or ?\n"
                                         "t3\tAND\n");
    const std::string qrels = tmp.write("qrels.txt", "t1 0 x 1\nt2 0 y 1\nt3 0 z 1\n");
    const auto r = run_search({"--db", veille::test::corpus_db(), "eval", "--topics", topics, "--qrels", qrels, "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json report = json::parse(r.out);
    CHECK(report["num_queries"] == 3);
    const std::string warnings = report["warnings"].dump();
    CHECK_THAT(warnings, Catch::Contains("topics.tsv:2: topic 't2' read leniently: colonne"));
    CHECK_THAT(warnings, Catch::Contains("topics.tsv:3: topic 't3' read leniently"));
    CHECK_THAT(r.err, Catch::Contains("read leniently"));
}
