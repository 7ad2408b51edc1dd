// facets_test.cpp — facet counts equal a brute-force count over every matching article, and
// drill-down counts of a filtered field ignore that field's own filter.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "searcher/match/engine.hpp"
#include "tests/support/corpus_db.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using Counts = std::map<std::string, std::size_t>;

Counts as_map(const std::vector<veille::FacetCount>& facet) {
    Counts m;
    for (const auto& f : facet) m[f.value] = f.count;
    return m;
}

// Every match of the request, read back article by article (no spies, no limits).
struct Brute {
    Counts company, topic, month;
    std::size_t total = 0;
};

Brute brute_force(veille::Engine& engine, veille::SearchRequest request) {
    request.offset = 0;
    request.limit = 100000;
    request.facets = false;
    request.snippets = false;
    request.collapse = false;  // counts are of articles, a story's tellings included
    Brute b;
    for (const auto& hit : engine.search(request).hits) {
        ++b.total;
        for (const auto& c : hit.article.companies) ++b.company[c];
        for (const auto& t : hit.article.topics) ++b.topic[t];
        if (hit.article.date && hit.article.date->month) ++b.month[hit.article.date->month_key()];
    }
    return b;
}

// A database of the bundled corpus of this test's own, to change.
std::string fresh_corpus_db(const veille::test::TempDir& tmp) {
    const std::string db = tmp / "db";
    REQUIRE(veille::test::run_index({"--db", db, veille::test::source_file("corpus/articles/articles.jsonl")}).exit_code == 0);
    return db;
}

}  // namespace

TEST_CASE("facet counts are exact over the whole match set", "[searcher][facets]") {
    const std::string& db = veille::test::corpus_db();
    veille::Engine engine(db);

    for (const char* q : {"intelligence artificielle", "cloud", "puces", "Apple", "régulation européenne", ""}) {
        DYNAMIC_SECTION("query « " << q << " »") {
            veille::SearchRequest request;
            request.query = q;
            request.limit = 3;  // a short page: counts must still cover every match
            request.facet_limit = 100000;
            const auto result = engine.search(request);
            const Brute b = brute_force(engine, request);
            CHECK(result.total == b.total);
            CHECK(as_map(result.facets.at("company")) == b.company);
            CHECK(as_map(result.facets.at("topic")) == b.topic);
            CHECK(as_map(result.facets.at("date")) == b.month);
        }
    }
}

TEST_CASE("facet counts stay exact when the database changes under a running engine", "[searcher][facets]") {
    // The engine keeps each document's facet values between searches: a commit must make it forget them
    // (a replaced article keeps its docid, so stale values would be counted silently).
    veille::test::TempDir tmp;
    const std::string db = fresh_corpus_db(tmp);
    veille::Engine engine(db);
    veille::SearchRequest request;
    request.query = "Mistral AI";
    request.facet_limit = 100000;
    const auto before = engine.search(request);
    REQUIRE(as_map(before.facets.at("company")).count("Lightspeed Venture Partners") == 1);

    const std::string changes = tmp.write("suite.jsonl",
        R"({"id":"ia-002","title":"Mistral AI s’allie à Nvidia","body":"Mistral AI et Nvidia présentent ensemble un modèle conçu pour les entreprises, annoncé à Paris le 18 juillet 2024.","date":"2024-07-18"})" "\n"
        R"({"id":"neuf-1","title":"Mistral AI ouvre un bureau à Londres","body":"La jeune pousse Mistral AI recrute au Royaume-Uni, où Microsoft est déjà son partenaire.","date":"2025-02-03"})" "\n");
    REQUIRE(veille::test::run_index({"--db", db, changes, "--delete", "ia-005"}).exit_code == 0);

    const auto after = engine.search(request);
    const Brute b = brute_force(engine, request);
    CHECK(after.total == b.total);
    CHECK(as_map(after.facets.at("company")) == b.company);
    CHECK(as_map(after.facets.at("topic")) == b.topic);
    CHECK(as_map(after.facets.at("date")) == b.month);
    CHECK(as_map(after.facets.at("company"))["Lightspeed Venture Partners"] ==
          as_map(before.facets.at("company"))["Lightspeed Venture Partners"] - 1);
    CHECK(as_map(after.facets.at("date")).count("2025-02") == 1);
}

TEST_CASE("facet counts are exact for phrases and drill-down on a phrase", "[searcher][facets]") {
    // Phrases are counted while ranking (one pass), words in a separate unweighted pass: both exact.
    const std::string& db = veille::test::corpus_db();
    veille::Engine engine(db);
    for (const char* q : {"\"intelligence artificielle\"", "\"centres de données\" OR cloud", "puces NEAR/5 gravure"}) {
        for (const std::vector<std::string>& filters : {std::vector<std::string>{}, {"topic:ia"}}) {
            DYNAMIC_SECTION(q << " filters " << filters.size()) {
                veille::SearchRequest request;
                request.query = q;
                request.filters = filters;
                request.limit = 2;
                request.facet_limit = 100000;
                const auto result = engine.search(request);
                const Brute b = brute_force(engine, request);
                CHECK(result.total == b.total);
                CHECK(as_map(result.facets.at("date")) == b.month);
                if (filters.empty()) CHECK(as_map(result.facets.at("topic")) == b.topic);
                CHECK(as_map(result.facets.at("company")) == b.company);
            }
        }
    }
}

TEST_CASE("drill-down: a filtered field keeps the counts it had without its filter", "[searcher][facets]") {
    const std::string& db = veille::test::corpus_db();
    veille::Engine engine(db);

    veille::SearchRequest unfiltered;
    unfiltered.query = "intelligence artificielle";
    unfiltered.facet_limit = 100000;
    const auto before = engine.search(unfiltered);

    veille::SearchRequest filtered = unfiltered;
    filtered.filters = {"company:openai"};
    const auto after = engine.search(filtered);
    REQUIRE(after.total > 0);
    CHECK(after.total < before.total);
    // The company facet ignores company:openai, so every other company stays visible…
    CHECK(as_map(after.facets.at("company")) == as_map(before.facets.at("company")));
    // …while the topic and date facets count only the filtered matches.
    const Brute b = brute_force(engine, filtered);
    CHECK(b.total == after.total);
    CHECK(as_map(after.facets.at("topic")) == b.topic);
    CHECK(as_map(after.facets.at("date")) == b.month);
    CHECK(after.active_filters == std::vector<std::string>{"company:OpenAI"});

    // Two values of one field are OR'ed; two fields are AND'ed.
    veille::SearchRequest two = unfiltered;
    two.filters = {"company:openai", "company:meta"};
    const auto either = engine.search(two);
    CHECK(either.total >= after.total);
    veille::SearchRequest both_fields = unfiltered;
    both_fields.filters = {"company:openai", "topic:ia"};
    const auto narrowed = engine.search(both_fields);
    CHECK(narrowed.total <= after.total);
    veille::SearchRequest page = both_fields;
    page.limit = 1000;
    for (const auto& hit : engine.search(page).hits) {
        CHECK(std::count(hit.article.companies.begin(), hit.article.companies.end(), "OpenAI") == 1);
        CHECK(std::count(hit.article.topics.begin(), hit.article.topics.end(), "IA") == 1);
    }
}
