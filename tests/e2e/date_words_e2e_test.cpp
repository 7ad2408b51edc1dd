// date_words_e2e_test.cpp — French date words through the real veille-search (issue 18, part 4):
// « OpenAI depuis janvier » with --today or VEILLE_TODAY filters like date:, says so, and keeps its words
// when asked (--no-date-words), quoted, or in a question.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/corpus_db.hpp"
#include "tests/support/json_results.hpp"
#include "tests/support/run_binary.hpp"

using nlohmann::json;
using veille::test::run_search;

namespace {

json search(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    std::vector<std::string> full{"-n", "100"};
    full.insert(full.end(), args.begin(), args.end());
    return veille::test::search_json(veille::test::corpus_db(), full, env);
}

}  // namespace

TEST_CASE("date words: « OpenAI depuis janvier » is « openai date:2025-01..2025-09-15 », with a notice",
          "[e2e][search][date_words]") {
    const json read = search({"--today", "2025-09-15", "OpenAI depuis janvier"});
    CHECK(read["filters"] == json::array({"date:2025-01..2025-09-15"}));
    CHECK(read["notices"] == json::array({"« depuis janvier » lu comme date:2025-01..2025-09-15"}));
    const json typed = search({"OpenAI date:2025-01..2025-09-15"});
    CHECK(veille::test::ids_of(read) == veille::test::ids_of(typed));
    CHECK(read["total"] == typed["total"]);
    REQUIRE(read["total"].get<int>() > 0);
    for (const auto& hit : read["results"]) {
        const std::string date = hit["date"];
        CHECK(date >= "2025-01");
        CHECK(date <= "2025-09-15");
    }
    // Without the date, more articles about OpenAI: the filter really applied.
    CHECK(search({"openai"})["total"].get<int>() > read["total"].get<int>());
}

TEST_CASE("date words: VEILLE_TODAY stands for --today; « hier » alone browses the day before",
          "[e2e][search][date_words]") {
    const json a = search({"Mistral AI en 2024"}, {"VEILLE_TODAY=2025-09-15"});
    CHECK(a["filters"] == json::array({"date:2024"}));
    CHECK(veille::test::ids_of(a) == veille::test::ids_of(search({"Mistral AI date:2024"})));
    const json hier = search({"--today", "2025-01-23", "hier"});
    CHECK(hier["filters"] == json::array({"date:2025-01-22"}));
    CHECK(hier["total"] == search({"date:2025-01-22"})["total"]);
    CHECK(hier["total"].get<int>() > 0);
}

TEST_CASE("date words: --no-date-words, quotes and questions keep the words", "[e2e][search][date_words]") {
    const json off = search({"--today", "2025-09-15", "--no-date-words", "OpenAI depuis janvier"});
    CHECK(off["filters"].empty());
    CHECK(off["notices"].empty());
    CHECK(off["total"].get<int>() >= search({"openai"})["total"].get<int>());  // every OpenAI article, any date
    const json question = search({"--today", "2025-09-15", "les ventes de 2024 ont-elles progressé ?"});
    CHECK(question["filters"].empty());
    const json windows = search({"--today", "2025-09-15", "Windows 2000"});
    CHECK(windows["filters"].empty());
    const json quoted = search({"--today", "2025-09-15", "OpenAI \"depuis janvier\""});
    CHECK(quoted["filters"].empty());
}

TEST_CASE("date words: a bad --today is a usage error", "[e2e][search][date_words]") {
    const auto r = run_search({"--db", veille::test::corpus_db(), "--today", "2025-13-01", "hier"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--today") != std::string::npos);
}
