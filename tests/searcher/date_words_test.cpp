// date_words_test.cpp — the golden table tests/data/date_words_cases.tsv (issue 18, part 4), one section per row.
#include "searcher/query/date_words.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "searcher/query/date_range.hpp"
#include "searcher/query/query_lexer.hpp"
#include "tests/support/run_binary.hpp"

using veille::DateWords;
using veille::Lex;
using veille::Lexeme;

namespace {

struct Row {
    std::size_t line = 0;
    std::string query, expected, reason;
};

std::vector<Row> read_table(const std::string& path) {
    std::ifstream in(path);
    if (!in) FAIL("cannot read " << path);
    std::vector<Row> rows;
    std::string text;
    for (std::size_t line = 1; std::getline(in, text); ++line) {
        if (text.empty() || text[0] == '#') continue;
        const auto tab1 = text.find('\t');
        const auto tab2 = tab1 == std::string::npos ? std::string::npos : text.find('\t', tab1 + 1);
        if (tab2 == std::string::npos) FAIL(path << ":" << line << ": expected query<TAB>expected<TAB>reason");
        rows.push_back({line, text.substr(0, tab1), text.substr(tab1 + 1, tab2 - tab1 - 1), text.substr(tab2 + 1)});
    }
    return rows;
}

std::string render(const Lexeme& l) {
    const std::string sign = l.sign ? std::string(1, l.sign) : "";
    switch (l.kind) {
        case Lex::Phrase: return sign + "\"" + l.text + "\"";
        case Lex::Field: return sign + l.field + ":" + l.text;
        case Lex::LParen: return "(";
        case Lex::RParen: return ")";
        default: return sign + l.text;
    }
}

// The table's notation: « unchanged », or « v1 ; v2 | what remains ».
std::string reading(const std::string& query) {
    std::vector<veille::QueryNotice> notices;
    const std::vector<Lexeme> lex = veille::lex_query(query, false, notices);
    const std::vector<DateWords> found = veille::find_date_words(lex, veille::Date{2026, 12, 4});
    if (found.empty()) return "unchanged";
    std::string values, rest;
    std::vector<bool> dropped(lex.size(), false);
    for (const DateWords& d : found) {
        values += (values.empty() ? "" : " ; ") + d.value;
        for (std::size_t k = d.first; k < d.first + d.count; ++k) dropped[k] = true;
    }
    for (std::size_t i = 0; i < lex.size(); ++i)
        if (!dropped[i] && lex[i].kind != Lex::End) rest += (rest.empty() ? "" : " ") + render(lex[i]);
    return values + " | " + (rest.empty() ? "(rien)" : rest);
}

}  // namespace

TEST_CASE("date words golden table (tests/data/date_words_cases.tsv)", "[searcher][date_words]") {
    const auto rows = read_table(veille::test::test_data("date_words_cases.tsv"));
    REQUIRE(rows.size() >= 80);
    for (const Row& row : rows) {
        DYNAMIC_SECTION("date_words_cases.tsv:" << row.line) {
            INFO("query: " << row.query);
            INFO("reason: " << row.reason);
            CHECK(reading(row.query) == row.expected);
            // Every value read is one that date: accepts: the filter is the date: filter.
            std::vector<veille::QueryNotice> notices;
            for (const DateWords& d : veille::find_date_words(veille::lex_query(row.query, false, notices),
                                                              veille::Date{2026, 12, 4}))
                CHECK_NOTHROW(veille::parse_date_range(d.value, 1));
        }
    }
}

TEST_CASE("date words: the notice quotes the words and names the date: value", "[searcher][date_words]") {
    std::vector<veille::QueryNotice> notices;
    const auto found = veille::find_date_words(veille::lex_query("OpenAI depuis janvier", false, notices),
                                               veille::Date{2026, 12, 4});
    REQUIRE(found.size() == 1);
    CHECK(veille::date_words_notice(found[0]) == "« depuis janvier » lu comme date:2026-01..2026-12-04");
}

TEST_CASE("date words: no reading without a full today, or on bytes that are not text", "[searcher][date_words]") {
    std::vector<veille::QueryNotice> notices;
    const auto lex = veille::lex_query("hier", false, notices);
    CHECK(veille::find_date_words(lex, veille::Date{2026, 12, 0}).empty());
    CHECK(veille::find_date_words(veille::lex_query("depuis \xff\xfe janvier\x00", false, notices),
                                  veille::Date{2026, 12, 4})
              .empty());
}
