// robustness_query_test.cpp — query side: every nasty query is answered or rejected with a
// column, within time and memory.
#include "common/schema.hpp"
#include "tests/support/corpus_db.hpp"
#include "tests/support/french_articles.hpp"
#include "tests/support/limited_run.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace veille::test;  // the support helpers: run_index, index_limited, good_json…

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Query side: every nasty query is answered or rejected with a column.

namespace {

std::vector<std::string> nasty_queries() {
    std::vector<std::string> queries;
    std::ifstream in(test_data("queries_nasty.txt"), std::ios::binary);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line.rfind("# ", 0) != 0) queries.push_back(line);
    return queries;
}

// Cases a text file cannot hold or that are too big for one: built here.
std::vector<std::pair<std::string, std::string>> generated_queries() {
    std::vector<std::pair<std::string, std::string>> q;
    std::string many, same, ors, near;
    for (int i = 0; i < 10000; ++i) many += "mot" + std::to_string(i) + " ";
    for (int i = 0; i < 10000; ++i) same += "sécurité ";
    for (int i = 0; i < 3000; ++i) ors += (i ? " OR t" : "t") + std::to_string(i);
    for (int i = 0; i < 1000; ++i) near += (i ? " NEAR m" : "m") + std::to_string(i);
    q.emplace_back("10,000 distinct terms", many);
    q.emplace_back("10,000 times the same word", same);
    q.emplace_back("3,000 OR alternatives", ors);
    q.emplace_back("1,000 NEAR operands", near);
    q.emplace_back("phrase of 10,000 words", "\"" + many + "\"");
    q.emplace_back("10,000 nested parentheses", std::string(10000, '(') + "cloud" + std::string(10000, ')'));
    q.emplace_back("10,000 unclosed parentheses", std::string(10000, '(') + "cloud");
    q.emplace_back("10,000 closing parentheses", "cloud" + std::string(10000, ')'));
    std::string signs;
    for (int i = 0; i < 50000; ++i) signs += i % 2 ? '-' : '+';
    q.emplace_back("50,000 alternating signs", signs + "cloud");
    std::string nots;
    for (int i = 0; i < 5000; ++i) nots += "-(";
    q.emplace_back("5,000 nested negations", nots + "cloud" + std::string(5000, ')'));
    q.emplace_back("100,000-letter word", std::string(100000, 'a'));
    q.emplace_back("100,000-letter prefix", std::string(100000, 'e') + "*");
    q.emplace_back("10,000 stars", std::string(10000, '*'));
    q.emplace_back("10,000 quotes", std::string(10000, '"'));
    q.emplace_back("10,000 date filters", [] {
        std::string s;
        for (int i = 0; i < 10000; ++i) s += "date:" + std::to_string(1900 + i % 200) + " ";
        return s;
    }());
    q.emplace_back("invalid UTF-8: lone continuation byte", "cloud \x80 souverain");
    q.emplace_back("invalid UTF-8: truncated é", "s\xC3");
    q.emplace_back("invalid UTF-8: 0xFF 0xFE", "\xFF\xFE nuage");
    q.emplace_back("invalid UTF-8: encoded surrogate", "moiti\xED\xA0\x80");
    q.emplace_back("invalid UTF-8: overlong", "\xC0\xAF etc");
    q.emplace_back("invalid UTF-8 in a phrase", "\"s\xE9" "curit\xE9 r\xE9seau\"");
    q.emplace_back("invalid UTF-8 in a field", "company:\xE9\xE9");
    q.emplace_back("invalid UTF-8 in a date", "date:2025-\xFF");
    q.emplace_back("terminal escape sequence", "\x1b[31mrouge\x1b[0m \x1b]0;titre\x07");
    q.emplace_back("backspaces and bell", "clou\bd\a");
    return q;
}

// One query through one veille-search process: answered (JSON), or with --strict possibly rejected (one
// line with a column). Read leniently, every query is answered.
void check_query(const TempDir& dir, const std::string& db, const std::string& label, const std::string& query,
                 bool strict) {
    std::vector<std::string> args{"--db", db, "--json"};
    if (strict) args.push_back("--strict");
    args.insert(args.end(), {"--", query});
    const auto r = search_limited(args, dir, Limits{20.0});
    INFO("query " << label << " (" << query.size() << " bytes): « " << query.substr(0, 200) << " »");
    INFO("stderr: " << r.err.substr(0, 2000));
    CHECK_FALSE(r.timed_out);
    CHECK(r.max_rss_kb < kMaxRssKb);
    if (r.exit_code == 0) {
        const auto answer = nlohmann::json::parse(r.out, nullptr, false);
        CHECK_FALSE(answer.is_discarded());
        if (!answer.is_discarded()) CHECK(answer["results"].is_array());
    } else {
        CHECK(strict);
        CHECK(r.exit_code == 2);
        const auto lines = lines_of(r.err);
        CHECK(lines.size() == 1);
        CHECK(r.err.rfind("veille-search: ", 0) == 0);
        CHECK(r.err.find("column") != std::string::npos);
    }
}

}  // namespace

// Three test cases, not three sections: CTest runs them side by side (about 400 processes in all).
TEST_CASE("nasty queries of tests/data/queries_nasty.txt are answered, one process each (with --strict: "
          "answered or rejected with a column)",
          "[e2e][robustness][query]") {
    TempDir dir;
    const std::string& db = veille::test::corpus_db();
    const auto file_queries = nasty_queries();
    REQUIRE(file_queries.size() >= 40);
    for (const bool strict : {false, true})
        for (std::size_t i = 0; i < file_queries.size(); ++i)
            check_query(dir, db, "queries_nasty.txt #" + std::to_string(i + 1), file_queries[i], strict);
}

TEST_CASE("nasty generated queries are answered, one process each (with --strict: answered or rejected with a "
          "column)",
          "[e2e][robustness][query]") {
    TempDir dir;
    const std::string& db = veille::test::corpus_db();
    for (const bool strict : {false, true})
        for (const auto& [label, query] : generated_queries()) check_query(dir, db, label, query, strict);
}

TEST_CASE("nasty queries and every control character through one stdin session", "[e2e][robustness][query]") {
    TempDir dir;
    const std::string& db = veille::test::corpus_db();
    const auto file_queries = nasty_queries();
    REQUIRE(file_queries.size() >= 40);
    // Each line is answered with a JSON line (with --strict, possibly rejected on stderr as "stdin:N: …
    // column …").
    std::vector<std::string> queries = file_queries;
    for (int c = 1; c < 32; ++c)
        if (c != '\n') queries.push_back(std::string("cloud") + static_cast<char>(c) + "souverain");
    queries.push_back(std::string("cloud\x7Fsouverain"));
    queries.push_back(std::string("octet\0nul", 9));
    queries.push_back(std::string(1, '\0'));
    std::string input;
    for (const auto& q : queries) input += q + "\n";
    for (const bool strict : {false, true}) {
        std::vector<std::string> args{"--db", db, "--json"};
        if (strict) args.push_back("--strict");
        const auto r = search_limited(args, dir, Limits{60.0}, input);
        INFO("stderr: " << r.err.substr(0, 4000));
        CHECK_FALSE(r.timed_out);
        CHECK(r.max_rss_kb < kMaxRssKb);
        CHECK((r.exit_code == 0 || r.exit_code == 2));
        std::size_t answered = 0, rejected = 0;
        for (const auto& line : lines_of(r.out)) {
            const auto answer = nlohmann::json::parse(line, nullptr, false);
            CHECK_FALSE(answer.is_discarded());
            ++answered;
        }
        for (const auto& line : lines_of(r.err)) {
            INFO(line);
            CHECK(line.rfind("veille-search: stdin:", 0) == 0);
            CHECK(line.find("column") != std::string::npos);
            ++rejected;
        }
        CHECK(answered + rejected == queries.size());  // no line is blank, none is lost
        if (!strict) CHECK(rejected == 0);
    }
}
