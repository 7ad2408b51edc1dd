// date_words_test.cpp — the golden table tests/data/date_words_cases.tsv (issue 18, part 4), one section per row.
#include "searcher/query/date_words.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "searcher/query/date_range.hpp"
#include "searcher/query/query_lexer.hpp"
#include "tests/support/golden_table.hpp"
#include "tests/support/run_binary.hpp"

using veille::DateWords;
using veille::Lex;
using veille::Lexeme;

namespace {

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
    const auto rows = veille::test::read_golden_table(veille::test::test_data("date_words_cases.tsv"));
    REQUIRE(rows.size() >= 80);
    for (const auto& row : rows) {
        DYNAMIC_SECTION("date_words_cases.tsv:" << row.line) {
            INFO("query: " << row.input);
            INFO("reason: " << row.note);
            CHECK(reading(row.input) == row.expected);
            // Every value read is one that date: accepts: the filter is the date: filter.
            std::vector<veille::QueryNotice> notices;
            for (const DateWords& d : veille::find_date_words(veille::lex_query(row.input, false, notices),
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
