// judgments_test.cpp — topics (TSV, TREC <top>) and qrels parsing, file:line errors, coverage warnings.
#include "searcher/eval/judgments.hpp"

#include "common/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using veille::parse_qrels;
using veille::parse_topics;

TEST_CASE("TSV topics", "[searcher][eval]") {
    const auto topics = parse_topics(
        "\xEF\xBB\xBF# qid<TAB>query\r\n"
        "q01\tmodèle open source\r\n"
        "\n"
        "q03\t  l'IA générative en Europe  \n"
        "q07\tcompany:Mistral levée de fonds",
        "queries.tsv");
    REQUIRE(topics.size() == 3);
    CHECK(topics[0].id == "q01");
    CHECK(topics[0].query == "modèle open source");
    CHECK(topics[0].line == 2);
    CHECK(topics[1].query == "l'IA générative en Europe");
    CHECK(topics[1].line == 4);
    CHECK(topics[2].query == "company:Mistral levée de fonds");
    CHECK(parse_topics("", "empty.tsv").empty());
}

TEST_CASE("TREC topic files", "[searcher][eval]") {
    const auto topics = parse_topics(
        "\n<top>\n"
        "<num> Number: 301\n"
        "<title> Topic: International\n   Organized Crime\n"
        "<desc> Description:\nIdentify organizations that participate in crime < 5 years old.\n"
        "<narr> Narrative:\nA relevant document...\n"
        "</top>\n\n"
        "<top><num>q02</num><title>rançongiciel hôpital</title></top>\n",
        "topics.301");
    REQUIRE(topics.size() == 2);
    CHECK(topics[0].id == "301");
    CHECK(topics[0].query == "International Organized Crime");
    CHECK(topics[0].line == 2);
    CHECK(topics[1].id == "q02");
    CHECK(topics[1].query == "rançongiciel hôpital");
    CHECK(topics[1].line == 12);
}

TEST_CASE("malformed topics name file and line", "[searcher][eval]") {
    struct Bad {
        const char* text;
        const char* message;
    };
    const Bad bad[] = {
        {"q01\tok\nq02 sans tabulation\n", "t:2: expected 'qid<TAB>query', found no tab"},
        {"q01\t   \n", "t:1: empty query for topic 'q01'"},
        {"\tquery\n", "t:1: empty topic id before the tab"},
        {"q01\ta\nq01\tb\n", "t:2: topic 'q01' given twice (first at line 1)"},
        {"<top>\n<title> sans numéro\n</top>\n", "t:1: topic without a <num>"},
        {"<top>\n<num> 12\n</top>\n", "t:1: topic '12' has no <title>"},
        {"<top>\n<num> 12\n<title> x\n", "t:1: <top> is never closed by </top>"},
        {"<top><num>1</num><title>a</title></top>\nstray\n", "t:2: text outside <top> … </top>"},
        {"<top><num>1</num><title>a</title><top>", "t:1: <top> inside another <top>"},
    };
    for (const auto& b : bad) {
        INFO(b.text);
        CHECK_THROWS_AS(parse_topics(b.text, "t"), veille::InputError);
        CHECK_THROWS_WITH(parse_topics(b.text, "t"), Catch::StartsWith(b.message));
    }
}

TEST_CASE("qrels", "[searcher][eval]") {
    const auto qrels = parse_qrels(
        "# qid iter docid rel\n"
        "q01 0 reg-004 1\n"
        "q03\t0\treg-001   2\r\n"
        "\n"
        "q03 Q0 reg-009 0\n"
        "q03 0 reg-010 -1\n",
        "qrels.txt");
    REQUIRE(qrels.size() == 2);
    CHECK(qrels.at("q01").at("reg-004") == 1);
    CHECK(qrels.at("q03").at("reg-001") == 2);
    CHECK(qrels.at("q03").at("reg-009") == 0);
    CHECK(qrels.at("q03").at("reg-010") == -1);
}

TEST_CASE("malformed qrels name file and line", "[searcher][eval]") {
    struct Bad {
        const char* text;
        const char* message;
    };
    const Bad bad[] = {
        {"q01 0 a 1\nq01 0 b\n", "qrels.txt:2: expected 4 fields 'qid iter docid rel', found 3"},
        {"q01 0 a 1 extra\n", "qrels.txt:1: expected 4 fields 'qid iter docid rel', found 5"},
        {"q01 0 a oui\n", "qrels.txt:1: relevance 'oui' is not an integer"},
        {"q01 0 a 1.5\n", "qrels.txt:1: relevance '1.5' is not an integer"},
        {"q01 0 a 1\n\nq01 0 a 2\n", "qrels.txt:3: document 'a' judged twice for topic 'q01' (first at line 1)"},
    };
    for (const auto& b : bad) {
        INFO(b.text);
        CHECK_THROWS_AS(parse_qrels(b.text, "qrels.txt"), veille::InputError);
        CHECK_THROWS_WITH(parse_qrels(b.text, "qrels.txt"), b.message);
    }
}

TEST_CASE("reading files and coverage warnings", "[searcher][eval]") {
    veille::test::TempDir dir;
    const auto topics = veille::read_topics(dir.write("q.tsv", "q1\ta\nq2\tb\nq3\tc\n"));
    const auto qrels = veille::read_qrels(dir.write("r.txt", "q1 0 d 1\nq2 0 d 0\nq9 0 d 1\nq9 0 e 1\n"));
    const auto warnings = veille::coverage_warnings(topics, qrels);
    CHECK(warnings == std::vector<std::string>{
                          "topic 'q2' has no relevant judgment; it scores 0 on every metric",
                          "topic 'q3' has no judgments; it is left out of the means",
                          "2 judgment(s) for topic 'q9', which is not in the topics; ignored",
                      });
    CHECK_THROWS_WITH(veille::read_qrels(dir / "missing.txt"),
                      Catch::StartsWith(dir / "missing.txt" + ": cannot open: No such file"));
}
