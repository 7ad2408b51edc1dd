// query_parser_test.cpp — the query language, table-driven like Xapian's api_queryparser: each query
// maps to its whole Xapian description, or (--strict) to an error at a column; lenient readings map
// to a description and the notices that say what was ignored.
#include <catch2/catch.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/query/synonyms.hpp"

namespace {

// The language without the ranking extras (title boost, coordination, word forms, proximity), so that
// each description shows the structure the syntax asks for; ranking_parser() adds them back.
veille::QueryWeights structure_only() {
    veille::QueryWeights p;
    p.title_weight = 0;
    p.coordination_weight = 0;
    p.form_weight = 0;
    p.proximity_ordered_weight = 0;
    p.proximity_unordered_weight = 0;
    return p;
}

const veille::QueryParser& parser() {
    static const veille::QueryParser p(veille::Analyzer::standard(), veille::Gazetteer::standard(),
                                       veille::Taxonomy::standard(), veille::Synonyms::standard(), structure_only());
    return p;
}

const veille::QueryParser& ranking_parser() {
    static const veille::QueryParser p(veille::Analyzer::standard(), veille::Gazetteer::standard(),
                                       veille::Taxonomy::standard(), veille::Synonyms::standard(), [] {
                                           veille::QueryWeights w;
                                           w.coordination_weight = 0.5;  // off by default; shown at work here
                                           return w;
                                       }());
    return p;
}

std::string describe(const std::string& q, bool strict = true) {
    return parser().parse(q, {}, strict).full().get_description();
}

struct Case {
    const char* query;
    const char* description;  ///< the whole Query::get_description()
    const char* reason;
};

struct LenientCase {
    const char* query;
    const char* description;
    std::vector<std::string> notices;
};

}  // namespace

TEST_CASE("query language → Xapian query", "[searcher][query]") {
    const Case cases[] = {
        {"sécurité",
         "Query(Zsecurit)",
         "accents folded before stemming"},
        {"SECURITE",
         "Query(Zsecurit)",
         "case folded"},
        {"Sécurités",
         "Query(Zsecurit)",
         "plural stems to the same term"},
        {"l'entreprise",
         "Query(Zentrepris)",
         "elision stripped (stock Xapian bug)"},
        {"d’OpenAI",
         "Query(Zopenai)",
         "elision with ’ and protected name, never « open »"},
        {"open source",
         "Query(((Zopen AND Zsourc) OR 0.80000000000000004441 * (Zlogiciel PHRASE 2 Zlibr)))",
         "two words, no OpenAI"},
        {"open-source",
         "Query(((Zopensourc OR (Zopen PHRASE 2 Zsourc)) OR 0.80000000000000004441 * (Zlogiciel PHRASE 2 Zlibr) OR 0.80000000000000004441 * (Zopen PHRASE 2 Zsourc)))",
         "compound: joined form or phrase of parts"},
        {"Mistral AI",
         "Query(Zmistral ai)",
         "protected name whose other part is a stop word"},
        {"Électricité de France",
         "Query((Zelectricite de france OR (Zelectricit PHRASE 3 Zfranc)))",
         "protected name over a stop word"},
        {"Llama 3",
         "Query((Zllama 3 OR (Zllama PHRASE 2 Z3)))",
         "product name with a digit"},
        {"\"modèle open source\"",
         "Query((Zmodel PHRASE 3 Zopen PHRASE 3 Zsourc))",
         "phrase"},
        {"le cloud",
         "Query((Zcloud OR 0.80000000000000004441 * (Zinformat PHRASE 3 Znuag) OR 0.80000000000000004441 * (Zcloud PHRASE 2 Zcomputing) OR 0.80000000000000004441 * (Znuag PHRASE 2 Zinformat)))",
         "stop word dropped outside phrases"},
        {"\"prise de conscience\"",
         "Query((Zpris PHRASE 3 Zconscienc))",
         "a stop word leaves a gap in a phrase"},
        {"\"la sécurité de l'information\"",
         "Query((Zsecurit PHRASE 3 Zinform))",
         "leading stop words dropped"},
        {"\"de la\"",
         "Query((Zde PHRASE 2 Zla))",
         "a phrase of stop words only keeps them (it finds next to nothing, and a notice says so)"},
        {"le la les",
         "Query((Zle OR Zla OR Zle))",
         "only stop words: kept (a notice says so)"},
        {"=thé",
         "Query(Ethé)",
         "exact form"},
        {"secu*",
         "Query((WILDCARD SYNONYM secu SYNONYM WILDCARD SYNONYM Esecu))",
         "prefix on folded words"},
        {"cloud -amazon",
         "Query(((Zcloud OR 0.80000000000000004441 * (Zinformat PHRASE 3 Znuag) OR 0.80000000000000004441 * (Zcloud PHRASE 2 Zcomputing) OR 0.80000000000000004441 * (Znuag PHRASE 2 Zinformat)) AND_NOT Zamazon))",
         "excluded word"},
        {"+nvidia puces",
         "Query((Znvidia AND_MAYBE Zpuc))",
         "required word"},
        {"apple AND google",
         "Query((Zapple AND Zgoogle))",
         "explicit AND"},
        {"apple et google",
         "Query((Zapple OR Zgoogle))",
         "lowercase « et » is a word: as an operator it lost 69 of 1,500 headlines their article"},
        {"apple OR google",
         "Query((Zapple OR Zgoogle))",
         "explicit OR"},
        {"cloud NOT amazon",
         "Query(((Zcloud OR 0.80000000000000004441 * (Zinformat PHRASE 3 Znuag) OR 0.80000000000000004441 * (Zcloud PHRASE 2 Zcomputing) OR 0.80000000000000004441 * (Znuag PHRASE 2 Zinformat)) AND_NOT Zamazon))",
         "NOT"},
        {"cloud sauf amazon",
         "Query(((Zcloud OR 0.80000000000000004441 * (Zinformat PHRASE 3 Znuag) OR 0.80000000000000004441 * (Zcloud PHRASE 2 Zcomputing) OR 0.80000000000000004441 * (Znuag PHRASE 2 Zinformat)) OR Zsauf OR Zamazon))",
         "lowercase « sauf » is a word"},
        {"qui a racheté Activision et Blizzard ?",
         "Query((Zrachet OR Zactivision OR Zblizzard))",
         "question: et stays a word"},
        {"nvidia NEAR tsmc",
         "Query((Znvidia NEAR 11 Ztsmc))",
         "NEAR with the default window"},
        {"nvidia NEAR/3 tsmc",
         "Query((Znvidia NEAR 4 Ztsmc))",
         "NEAR/3"},
        {"(apple OR google) amende",
         "Query((Zamend OR (Zapple OR Zgoogle)))",
         "parentheses"},
        {"company:openai",
         "Query((<alldocuments> FILTER XCopenai))",
         "company filter by canonical name"},
        {"company:Facebook",
         "Query((<alldocuments> FILTER XCmeta))",
         "alias to canonical"},
        {"topic:cybersecurite",
         "Query((<alldocuments> FILTER XTcybersecurite))",
         "topic without accents"},
        {"company:openai company:meta",
         "Query((<alldocuments> FILTER (XCopenai OR XCmeta)))",
         "one field: OR"},
        {"company:openai topic:ia",
         "Query((<alldocuments> FILTER (XCopenai AND XTia)))",
         "two fields: AND"},
        {"date:2025",
         "Query((<alldocuments> FILTER XY2025))",
         "year"},
        {"date:2023..2025",
         "Query((<alldocuments> FILTER (XY2023 OR XY2024 OR XY2025)))",
         "years"},
        {"date:2025-07",
         "Query((<alldocuments> FILTER XM202507))",
         "month"},
        {"date:2025-07..2025-09",
         "Query((<alldocuments> FILTER VALUE_RANGE 0 20250700 20250999))",
         "months"},
        {"date:2025-07-01..2025-09-30",
         "Query((<alldocuments> FILTER VALUE_RANGE 0 20250701 20250930))",
         "range"},
        {"date:>=2025-07-01",
         "Query((<alldocuments> FILTER VALUE_GE 0 20250701))",
         "open range"},
        {"date:\"juillet 2025\"",
         "Query((<alldocuments> FILTER XM202507))",
         "French month"},
        {"title:Nvidia",
         "Query(ZSnvidia)",
         "title field"},
        {"ia",
         "Query((Zia OR 0.80000000000000004441 * Zai OR 0.80000000000000004441 * (Zintelligent PHRASE 2 Zartificiel) OR 0.80000000000000004441 * (Zartificial PHRASE 2 Zintelligent)))",
         "synonyms ia ↔ ai"},
        {"rançongiciel",
         "Query((Zrancongiciel OR 0.80000000000000004441 * Zransomwar OR 0.80000000000000004441 * (Zlogiciel PHRASE 3 Zrancon)))",
         "synonyms rançongiciel ↔ ransomware"},
        {"apple ET google",
         "Query((Zapple AND Zgoogle))",
         "upper-case French ET is AND"},
        {"cloud SAUF amazon",
         "Query(((Zcloud OR 0.80000000000000004441 * (Zinformat PHRASE 3 Znuag) OR 0.80000000000000004441 * (Zcloud PHRASE 2 Zcomputing) OR 0.80000000000000004441 * (Znuag PHRASE 2 Zinformat)) AND_NOT Zamazon))",
         "upper-case French SAUF is NOT"},
        {"APPLE ET GOOGLE",
         "Query((Zapple OR Zgoogle))",
         "a query all in capitals (a headline) has no French operators"},
        {"Node.js",
         "Query((Znodej OR (Znod PHRASE 2 Zj)))",
         "a dotted identifier: the joined parts, or the parts in order"},
        {"github.com/mistralai",
         "Query((Zgithubcommistral OR (Zgithub PHRASE 3 Zcom PHRASE 3 Zmistral)))",
         "a slashed identifier likewise"},
        {"openai \"deep research\"",
         "Query(((Zopenai OR Zdeep OR Zresearch) OR 1 * (Zdeep PHRASE 2 Zresearch)))",
         "an optional phrase among words ranks its sequence and counts its words"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.reason << ": " << c.query) {
            const auto parsed = parser().parse(c.query, {}, true);
            CHECK(parsed.full().get_description() == c.description);
        }
    }
}

TEST_CASE("ranking extras: word form, title score, coordination, proximity of neighbouring words",
          "[searcher][query][ranking]") {
    struct RankingCase {
        const char* query;
        const char* description;
        std::vector<veille::WordPair> pairs;  ///< for the proximity stage (rerank.hpp), not in the query
        const char* reason;
    };
    const RankingCase cases[] = {
        {"sécurité", "Query((Zsecurit OR 0.2000000000000000111 * (Esecurite SYNONYM securite)))", {},
         "the stem and the word's own form (accents aside) at 0.2; the title counts in the stem's frequency"},
        {"Mistral AI", "Query(Zmistral ai)", {}, "a name has no form or pair of its own"},
        {"prix de la bière",
         "Query(((Zprix OR (Zbier OR 0.2000000000000000111 * (Ebiere SYNONYM biere))) OR 0.5 * (Zprix AND (Zbier OR "
         "0.2000000000000000111 * (Ebiere SYNONYM biere)))))",
         {{"Zprix", "Zbier", 3}},
         "the pair in order spans the two stop words between (gap 3)"},
        {"openai \"deep research\"",
         "Query((((Zopenai OR Zdeep OR Zresearch) OR 0.5 * (Zopenai AND Zdeep AND Zresearch)) OR 1 * (Zdeep PHRASE 2 "
         "Zresearch)))",
         {{"Zopenai", "Zdeep", 1}, {"Zdeep", "Zresearch", 1}},
         "an optional phrase's words join the run and its pairs; the whole phrase adds its weight"},
        {"nvidia nvidia tsmc", "", {{"Znvidia", "Ztsmc", 1}}, "a word next to itself is no pair"},
        {"(serveurs rapides) OR (puces graphiques)", "",
         {{"Zserveur", "Zrapid", 1}, {"Zpuc", "Zgraphiqu", 1}},
         "each run of words has its pairs; none across an operator"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.reason << ": " << c.query) {
            const veille::ParsedQuery parsed = ranking_parser().parse(c.query);
            if (*c.description) CHECK(parsed.full().get_description() == c.description);
            REQUIRE(parsed.pairs.size() == c.pairs.size());
            for (std::size_t i = 0; i < c.pairs.size(); ++i) {
                CHECK(parsed.pairs[i].first == c.pairs[i].first);
                CHECK(parsed.pairs[i].second == c.pairs[i].second);
                CHECK(parsed.pairs[i].gap == c.pairs[i].gap);
            }
        }
    }
    SECTION("a title-only score when asked for (--title-weight 0.25), beside a name's whole") {
        veille::QueryWeights w;
        w.title_weight = 0.25;
        const veille::QueryParser p(veille::Analyzer::standard(), veille::Gazetteer::standard(),
                                    veille::Taxonomy::standard(), veille::Synonyms::standard(), w);
        CHECK(p.parse("sécurité").full().get_description() ==
              "Query(((Zsecurit OR 0.2000000000000000111 * (Esecurite SYNONYM securite)) OR 0.25 * ZSsecurit))");
        CHECK(p.parse("Mistral AI").full().get_description() == "Query((Zmistral ai OR 0.25 * ZSmistral ai))");
    }
}

TEST_CASE("with strict parsing, queries that cannot be parsed say where", "[searcher][query]") {
    const std::pair<const char*, std::size_t> errors[] = {
        {"(cloud", 1},        {"cloud)", 6},         {"AND cloud", 1},          {"cloud AND", 7},
        {"cloud OR", 7},       {"NOT", 1},            {"date:juillet", 1},       {"date:2025-13", 1},
        {"date:2025-02-31", 1}, {"date:2026..2025", 1}, {"nvidia NEAR/0 tsmc", 8}, {"company:", 1},
        {"cloud date:xyz", 7}, {"cloud +(", 7},       {"nuage \xFF", 7},
    };
    for (const auto& [query, column] : errors) {
        DYNAMIC_SECTION(query) {
            try {
                (void)describe(query, true);
                FAIL("parsed: " << query);
            } catch (const veille::QueryError& e) {
                CHECK(e.column() == column);
            }
        }
    }
}

TEST_CASE("lenient reading: syntax a person did not mean is read as words or ignored, and noted",
          "[searcher][query][lenient]") {
    const LenientCase cases[] = {
        {"(puces", "Query(Zpuc)",
         {"colonne 1 : parenthèse ouvrante sans fermeture, ignorée"}},
        {"puces)", "Query(Zpuc)",
         {"colonne 6 : parenthèse fermante sans ouverture, ignorée"}},
        {"AND puces", "Query(Zpuc)",
         {"colonne 1 : opérateur « AND » sans terme à relier, ignoré"}},
        {"puces AND", "Query(Zpuc)",
         {"colonne 7 : opérateur « AND » sans terme à relier, ignoré"}},
        {"puces OR", "Query(Zpuc)",
         {"colonne 7 : opérateur « OR » sans terme à relier, ignoré"}},
        {"NOT", "Query()",
         {"colonne 1 : opérateur « NOT » sans terme à relier, ignoré"}},
        {"date:juillet", "Query(Zjuillet)",
         {"colonne 1 : « date:juillet » n’est pas un filtre valide, lu comme du texte"}},
        {"date:2025-13", "Query((Z202513 OR (Z2025 PHRASE 2 Z13)))",
         {"colonne 1 : « date:2025-13 » n’est pas un filtre valide, lu comme du texte"}},
        {"nvidia NEAR/0 tsmc", "Query((Znvidia OR Znear OR Z0 OR Ztsmc))",
         {"colonne 8 : « NEAR/0 » : NEAR/n veut une fenêtre de 1 à 999 mots, lu comme du texte"}},
        {"company:", "Query(Zcompany)",
         {"colonne 1 : « company: » sans valeur, lu comme un mot"}},
        {"puces date:xyz", "Query((Zpuc OR Zxyz))",
         {"colonne 7 : « date:xyz » n’est pas un filtre valide, lu comme du texte"}},
        {"\"puces nvidia", "Query((Zpuc OR Znvidia))",
         {"colonne 1 : guillemet sans fermeture, ignoré"}},
        {"puces +(", "Query(Zpuc)",
         {"colonne 7 : signe « + » sans mot après lui, ignoré", "colonne 8 : parenthèse ouvrante sans fermeture, ignorée"}},
        {"*", "Query(<alldocuments>)",
         {"colonne 1 : « * » seul n’est pas un mot, ignoré"}},
        {"de la", "Query((Zde OR Zla))",
         {"rien que des mots vides (de, la), que l’index ne garde pas"}},
        {"!!!", "Query()",
         {"aucun mot à chercher dans la requête"}},
        {"(((a) b", "Query((Zb OR Za))",
         {"colonne 1 : parenthèse ouvrante sans fermeture, ignorée", "colonne 2 : parenthèse ouvrante sans fermeture, ignorée"}},
        {"puces \xFF nvidia", "Query((Zpuc OR Znvidia))",
         {"octets qui ne sont pas de l’UTF-8 remplacés par « \xEF\xBF\xBD »"}},
        {"\"deep research\" NEAR nvidia", "Query(((Zdeep OR Zresearch OR Znvidia) OR 1 * (Zdeep PHRASE 2 Zresearch)))",
         {"colonne 17 : « NEAR » relie deux mots seuls (pas une phrase ni un nom), ignoré"}},
        {"puces () nvidia", "Query((Zpuc OR Znvidia))",
         {}},
        {"secu** puces", "Query((Zsecu OR Zpuc))",
         {"colonne 1 : « * » ne se place qu’à la fin d’un mot, ignoré dans « secu** »"}},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.query) {
            const auto parsed = parser().parse(c.query);
            CHECK(parsed.full().get_description() == c.description);
            std::vector<std::string> notices;
            for (const auto& n : parsed.notices) notices.push_back(n.line());
            CHECK(notices == c.notices);
        }
    }
}

TEST_CASE("lenient reading stays bounded: a thousand stray parentheses or operators", "[searcher][query][lenient]") {
    const std::string parens = "puces " + std::string(1000, ')') + std::string(1000, '(');
    const auto p = parser().parse(parens);
    CHECK(p.full().get_description() == "Query(Zpuc)");
    CHECK(p.notices.size() == 10);  // nine, then « et N autres remarques … »
    CHECK(p.notices.back().text == "et 1991 autres remarques du même genre");
    std::string ops = "puces";
    for (int i = 0; i < 1000; ++i) ops += " AND OR";
    CHECK(parser().parse(ops).full().get_description() == "Query(Zpuc)");
}

// The lexer counts columns as it goes (it used to recount from the start for every lexeme, quadratic
// on long pasted text): the columns of a long accented query, and of a notice about a lexeme already
// read past, are the same character counts as before.
TEST_CASE("columns are characters along a long accented query", "[searcher][query]") {
    std::string query;
    for (int i = 0; i < 5000; ++i) query += "été ";  // four characters, five bytes
    query += "(é company:";
    std::vector<veille::QueryNotice> notices;
    const auto lexemes = veille::lex_query(query, false, notices);
    REQUIRE(lexemes.size() == 5000 + 4);
    for (std::size_t i = 0; i < 5000; ++i) {
        INFO("lexeme " << i);
        CHECK(lexemes[i].column == 1 + 4 * i);
    }
    CHECK(lexemes[5000].kind == veille::Lex::LParen);
    CHECK(lexemes[5000].column == 20001);
    CHECK(lexemes[5001].column == 20002);  // « é »
    CHECK(lexemes[5002].column == 20004);  // « company: » read as the word « company »
    CHECK(lexemes[5002].text == "company");
    CHECK(lexemes[5003].kind == veille::Lex::End);
    CHECK(lexemes[5003].column == 20012);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].line() == "colonne 20004 : « company: » sans valeur, lu comme un mot");
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
