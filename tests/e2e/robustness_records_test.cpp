// robustness_records_test.cpp — bad records inside a file that holds good ones (JSONL lines, feed
// items): each is rejected with its file:line, the rest of the file is indexed; duplicate ids and
// --on-error fail.
#include "common/schema.hpp"
#include "tests/support/input_scenario.hpp"
#include "tests/support/run_binary.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

using namespace veille::test;  // the support helpers: run_index, index_limited, good_json, check_rows…

namespace {

std::vector<ScenarioRow> record_rows() {
    const std::string nested = "{\"id\":\"imbrique\",\"title\":\"Imbrication à Lorient\",\"body\":\"La start-up de "
                               "Lorient exporte des données très imbriquées.\",\"extra\":" +
                               std::string(100000, '[') + std::string(100000, ']') + "}";
    return {
        // JSONL: one bad line between two good ones.
        jsonl_row("truncated JSON line",
                  R"({"id":"tronque","title":"Fibre optique","body":"Le déploiement de la fibre s'arr)",
                  "malformed JSON", "tronque"),
        jsonl_row("truncated last line without newline",
                  R"({"id":"fin","title":"Semi-conducteurs","body":"Le marché se redresse après)", "malformed JSON",
                  "fin", true),
        jsonl_row("wrong type: \"date\": 12", R"({"id":"date-num","body":"La date est un nombre.","date":12})",
                  "\"date\" must be a string", "date-num"),
        jsonl_row("wrong type: body is an array", R"({"id":"corps-tableau","body":["La","fibre"]})",
                  "\"body\" must be a string", "corps-tableau"),
        jsonl_row("wrong type: id is a boolean", R"({"id":true,"body":"Un identifiant booléen."})",
                  "\"id\" must be a string or an integer"),
        jsonl_row("wrong type: companies is a string",
                  R"({"id":"societes","body":"Orange investit dans la 5G.","companies":"Orange"})",
                  "\"companies\" must be an array of strings", "societes"),
        jsonl_row("wrong type: title is a number", R"({"id":"titre-num","title":3,"body":"Le titre est un nombre."})",
                  "\"title\" must be a string", "titre-num"),
        jsonl_row("NUL byte inside a line",
                  std::string(R"({"id":"nul","body":"octet)") + '\0' + R"( nul au milieu"})", "NUL byte", "nul"),
        jsonl_row("invalid UTF-8: Latin-1 accents",
                  "{\"id\":\"latin1\",\"body\":\"R\xE9sum\xE9 de la r\xE9union\"}", "invalid UTF-8", "latin1"),
        jsonl_row("invalid UTF-8: encoded surrogate", "{\"id\":\"surrogate\",\"body\":\"moiti\xED\xA0\x80\"}",
                  "invalid UTF-8", "surrogate"),
        jsonl_row("invalid UTF-8: overlong slash", "{\"id\":\"overlong\",\"body\":\"chemin \xC0\xAF etc\"}",
                  "invalid UTF-8", "overlong"),
        jsonl_row("date 31/02/2025", R"({"id":"date-bad","body":"Le 31 février n'existe pas.","date":"31/02/2025"})",
                  "unparsable date", "date-bad"),
        jsonl_row("date 29/02/2023 (not a leap year)",
                  R"({"id":"bissextile","body":"2023 n'est pas bissextile.","date":"29/02/2023"})", "unparsable date",
                  "bissextile"),
        jsonl_row("date 2025-13-45", R"({"id":"mois-13","body":"Treizième mois.","date":"2025-13-45"})",
                  "unparsable date", "mois-13"),
        jsonl_row("date in words that are not a date",
                  R"({"id":"demain","body":"Publié demain matin.","date":"demain matin"})", "unparsable date",
                  "demain"),
        jsonl_row("missing body", R"({"id":"sans-corps","title":"Pas de corps"})", "missing \"body\"", "sans-corps"),
        jsonl_row("blank body", R"({"id":"corps-vide","title":"Vide","body":"  \t "})", "\"body\" is empty",
                  "corps-vide"),
        jsonl_row("JSON array instead of an object", R"(["un","tableau"])", "expected a JSON object"),
        jsonl_row("bare JSON string", R"("juste une chaîne")", "expected a JSON object"),
        jsonl_row("number out of range", R"({"id":"enorme","body":"Un nombre démesuré.","date":1e999})", "",
                  "enorme"),
        jsonl_row("garbage text line", "ceci n'est pas du JSON, juste une phrase", "malformed JSON"),
        // JSONL control cases and per-record feed problems.
        {"1 MB single JSONL line and a deeply nested unknown field",
         [nested](const TempDir& dir, const std::string&) {
             nlohmann::json big = {{"id", "long"},
                                   {"title", "Un article fleuve à Angoulême"},
                                   {"body", "Angoulême " + french_paragraph(12000).substr(0, 1 << 20)}};
             dir.write("corpus/gros.jsonl", big.dump() + "\n" + nested + "\n");
             Scenario s;
             s.good = {{"long", "Angoulême"}, {"imbrique", "Lorient"}};
             return s;
         }},
        {"RSS item without title or text",
         [](const TempDir& dir, const std::string&) {
             const std::string items = rss_item("flux-1", "Fibre à Poitiers", "Le réseau de Poitiers s'étend.") +
                                       "<item>\n<guid>flux-vide</guid>\n</item>\n" +
                                       rss_item("flux-3", "Cloud à Limoges", "Un centre de données à Limoges.");
             const auto file = dir.write("corpus/flux.rss", rss(items));
             Scenario s;
             s.rejected = {{file, 12, "has no title and no text"}};
             s.good = {{"flux-1", "Poitiers"}, {"flux-3", "Limoges"}};
             s.absent_ids = {"flux-vide"};
             return s;
         }},
    };
}

}  // namespace

TEST_CASE("bad input matrix through veille-index: records in JSONL files and feeds", "[e2e][robustness][input]") { check_rows(record_rows()); }

TEST_CASE("duplicate ids in one batch make one document and the last one wins", "[e2e][robustness][input]") {
    TempDir dir;
    const auto db = dir / "db";
    auto second = nlohmann::json::parse(good_json("double", 1));
    const auto file = dir.write("lot.jsonl", good_json("double", 0) + "\n" + second.dump() + "\n" +
                                                 good_json("seul", 2) + "\n");
    const auto r = run_index({"--db", db, "--json", file});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto summary = nlohmann::json::parse(r.out);
    CHECK(summary["indexed"] == 2);
    CHECK(summary["updated"].get<int>() + summary["unchanged"].get<int>() == 1);
    const Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == 2);
    CHECK(xdb.get_termfreq(veille::id_term("double")) == 1);
    const auto found = run_search({"--db", db, "--json", "Besançon"});  // the town of the second version
    REQUIRE(found.exit_code == 0);
    const auto answer = nlohmann::json::parse(found.out);
    REQUIRE(answer["total"] == 1);
    CHECK(answer["results"][0]["id"] == "double");
    CHECK(nlohmann::json::parse(run_search({"--db", db, "--json", "Quimper"}).out)["total"] == 0);
}

TEST_CASE("on-error fail stops at the first bad record and keeps committed batches", "[e2e][robustness][input]") {
    TempDir dir;
    const auto db = dir / "db";
    const auto file = dir.write("lot.jsonl", good_json("avant", 0) + "\n" +
                                                 R"({"id":"date-num","body":"La date est un nombre.","date":12})" +
                                                 "\n" + good_json("apres", 1) + "\n");
    const auto r = run_index({"--db", db, "--on-error", "fail", "--batch-size", "1", file});
    CHECK(r.exit_code == 1);
    const auto lines = lines_of(r.err);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].rfind("veille-index: " + file + ":2: ", 0) == 0);
    CHECK(lines[0].find("\"date\" must be a string") != std::string::npos);
    const Xapian::Database xdb(db);
    CHECK(xdb.get_termfreq(veille::id_term("avant")) == 1);
    CHECK(xdb.get_termfreq(veille::id_term("date-num")) == 0);
    CHECK(xdb.get_termfreq(veille::id_term("apres")) == 0);
}
