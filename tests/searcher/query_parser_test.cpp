// query_parser_test.cpp — the query language, table-driven: each query maps to its Xapian description
// (checked through the parts that matter) or to an error at a column.
#include <catch2/catch.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"
#include "searcher/query_parser.hpp"
#include "searcher/synonyms.hpp"

namespace {

const veille::QueryParser& parser() {
    static const veille::QueryParser p(veille::Analyzer::standard(), veille::Gazetteer::standard(),
                                       veille::Taxonomy::standard(), veille::Synonyms::standard(),
                                       veille::RankingParams{});
    return p;
}

std::string describe(const std::string& q, const std::vector<std::string>& filters = {}) {
    return parser().parse(q, filters).full().get_description();
}

struct Case {
    const char* query;
    std::vector<const char*> contains;      ///< pieces the description must hold
    std::vector<const char*> not_contains;  ///< pieces it must not hold
    const char* note;
};

}  // namespace

TEST_CASE("query language → Xapian query", "[searcher][query]") {
    const Case cases[] = {
        {"sécurité", {"Zsecurit"}, {"Zsécur"}, "accents folded before stemming"},
        {"SECURITE", {"Zsecurit"}, {}, "case folded"},
        {"Sécurités", {"Zsecurit"}, {}, "plural stems to the same term"},
        {"l'entreprise", {"Zentrepris"}, {"l'entreprise", "Zl"}, "elision stripped (stock Xapian bug)"},
        {"d’OpenAI", {"Zopenai"}, {"Zopen@", "Zopen "}, "elision with ’ and protected name, never « open »"},
        {"open source", {"Zopen", "Zsourc"}, {"Zopenai"}, "two words, no OpenAI"},
        {"open-source", {"Zopensourc", "PHRASE 2"}, {}, "compound: joined form or phrase of parts"},
        {"Mistral AI", {"Zmistral ai"}, {"PHRASE"}, "protected name whose other part is a stop word"},
        {"Électricité de France", {"Zelectricite de franc", "Zelectricit PHRASE 3 Zfranc"}, {"Zde"}, "protected name over a stop word"},
        {"Llama 3", {"Zllama 3"}, {}, "product name with a digit"},
        {"\"modèle open source\"", {"PHRASE 3", "Zmodel", "Zopen", "Zsourc"}, {}, "phrase"},
        {"le cloud", {"Zcloud"}, {"Zle"}, "stop word dropped outside phrases"},
        {"\"prise de conscience\"", {"Zpris PHRASE 3 Zconscienc"}, {"Zde"}, "a stop word leaves a gap in a phrase"},
        {"\"la sécurité de l'information\"", {"Zsecurit PHRASE 3 Zinform"}, {"Zla", "Zde"}, "leading stop words dropped"},
        {"\"de la\"", {"Zde PHRASE 2 Zla"}, {"alldocuments"}, "a phrase of stop words only keeps them (and matches nothing)"},
        {"le la les", {"Zle"}, {}, "only stop words: kept"},
        {"=thé", {"Ethé"}, {"Zthe"}, "exact form"},
        {"secu*", {"WILDCARD", "secu"}, {}, "prefix on folded words"},
        {"cloud -amazon", {"AND_NOT", "Zamazon"}, {}, "excluded word"},
        {"+nvidia puces", {"AND_MAYBE", "Znvidia", "Zpuc"}, {}, "required word"},
        {"apple AND google", {"AND", "Zappl", "Zgoogl"}, {}, "explicit AND"},
        {"apple et google", {"AND", "Zappl", "Zgoogl"}, {}, "French et"},
        {"apple OR google", {"OR", "Zappl"}, {}, "explicit OR"},
        {"cloud NOT amazon", {"AND_NOT", "Zamazon"}, {}, "NOT"},
        {"cloud sauf amazon", {"AND_NOT", "Zamazon"}, {}, "French sauf"},
        {"qui a racheté Activision et Blizzard ?", {"Zactivision", "Zblizzard"}, {"AND_NOT"}, "question: et stays a word"},
        {"nvidia NEAR tsmc", {"NEAR 11"}, {}, "NEAR with the default window"},
        {"nvidia NEAR/3 tsmc", {"NEAR 4"}, {}, "NEAR/3"},
        {"(apple OR google) amende", {"Zamend", "Zappl"}, {}, "parentheses"},
        {"company:openai", {"XCopenai"}, {}, "company filter by canonical name"},
        {"company:Facebook", {"XCmeta"}, {}, "alias to canonical"},
        {"topic:cybersecurite", {"XTcybersecurite"}, {}, "topic without accents"},
        {"company:openai company:meta", {"XCopenai", "XCmeta", "OR"}, {}, "one field: OR"},
        {"company:openai topic:ia", {"XCopenai", "XTia", "AND"}, {}, "two fields: AND"},
        {"date:2025", {"FILTER XY2025"}, {"VALUE_RANGE"}, "year"},
        {"date:2023..2025", {"XY2023 OR XY2024 OR XY2025"}, {"VALUE_RANGE"}, "years"},
        {"date:2025-07", {"FILTER XM202507"}, {"VALUE_RANGE"}, "month"},
        {"date:2025-07..2025-09", {"VALUE_RANGE 0 20250700 20250999"}, {}, "months"},
        {"date:2025-07-01..2025-09-30", {"VALUE_RANGE 0 20250701 20250930"}, {}, "range"},
        {"date:>=2025-07-01", {"VALUE_GE 0 20250701"}, {}, "open range"},
        {"date:\"juillet 2025\"", {"FILTER XM202507"}, {}, "French month"},
        {"title:Nvidia", {"ZSnvidia"}, {}, "title field"},
        {"ia", {"Zia", "Zai"}, {}, "synonyms ia ↔ ai"},
        {"rançongiciel", {"Zransomwar"}, {}, "synonyms rançongiciel ↔ ransomware"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.note << ": " << c.query) {
            const std::string d = describe(c.query);
            INFO(d);
            for (const char* piece : c.contains) CHECK_THAT(d, Catch::Contains(piece));
            for (const char* piece : c.not_contains) CHECK_THAT(d, !Catch::Contains(piece));
        }
    }
}

TEST_CASE("queries that cannot be parsed say where", "[searcher][query]") {
    const std::pair<const char*, std::size_t> errors[] = {
        {"(cloud", 1},        {"cloud)", 6},         {"AND cloud", 1},          {"cloud AND", 7},
        {"cloud OR", 7},       {"NOT", 1},            {"date:juillet", 1},       {"date:2025-13", 1},
        {"date:2025-02-31", 1}, {"date:2026..2025", 1}, {"nvidia NEAR/0 tsmc", 8}, {"company:", 1},
        {"cloud date:xyz", 7},
    };
    for (const auto& [query, column] : errors) {
        DYNAMIC_SECTION(query) {
            try {
                (void)describe(query);
                FAIL("parsed: " << query);
            } catch (const veille::QueryError& e) {
                CHECK(e.column() == column);
            }
        }
    }
}

TEST_CASE("filter option values use the same syntax and drill-down", "[searcher][query]") {
    const auto parsed = parser().parse("cloud", {"company:orange", "date:2024"});
    CHECK(parsed.filters.describe() == std::vector<std::string>{"company:Orange", "date:2024"});
    CHECK_THAT(parsed.full().get_description(), Catch::Contains("XCorange"));
    CHECK_THAT(parsed.full("company").get_description(), !Catch::Contains("XCorange"));
    CHECK_THROWS_AS(parser().parse("cloud", {"colour:red"}), veille::UsageError);
    CHECK_THROWS_AS(parser().parse("cloud", {"nofield"}), veille::UsageError);
}

TEST_CASE("highlights carry the analyzer forms of the query", "[searcher][query]") {
    const auto parsed = parser().parse("l’IA générative et la sécurité");
    CHECK(parsed.highlights.stems.count("ia") == 1);
    CHECK(parsed.highlights.stems.count("securit") == 1);
    CHECK(parsed.highlights.stems.count("la") == 0);  // stop words are never highlighted
}
