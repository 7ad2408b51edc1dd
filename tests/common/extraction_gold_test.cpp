// extraction_gold_test.cpp — extraction on the bundled corpus against its hand annotations, with floors.
#include <catch2/catch.hpp>

#include <iostream>
#include <string>
#include <variant>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"
#include "indexer/enrich.hpp"
#include "indexer/extraction_report.hpp"
#include "indexer/readers/reader.hpp"

namespace {

std::vector<veille::Article> enriched_corpus() {
    const std::string corpus = std::string(VEILLE_SOURCE_DIR) + "/corpus/articles/articles.jsonl";
    const veille::Enricher enricher(veille::Gazetteer::standard(), veille::Taxonomy::standard());
    const auto& analyzer = veille::Analyzer::standard();
    std::vector<veille::Article> articles;
    veille::read_file(corpus, veille::Format::Jsonl, [&](veille::Record&& record) {
        if (auto* rejected = std::get_if<veille::Rejected>(&record)) FAIL("corpus record rejected: " << rejected->reason);
        auto article = std::get<veille::Article>(std::move(record));
        enricher.enrich(article, analyzer.analyze(article.title), analyzer.analyze(article.body));
        articles.push_back(std::move(article));
        return true;
    });
    return articles;
}

}  // namespace

TEST_CASE("extraction meets the gold thresholds on the bundled corpus", "[common][extract][gold]") {
    const auto articles = enriched_corpus();
    const auto gold = veille::read_gold(std::string(VEILLE_SOURCE_DIR) + "/corpus/eval/gold.jsonl");
    REQUIRE(articles.size() >= 150);
    const veille::ExtractionReport report = veille::compare_with_gold(articles, gold);
    // The figures are printed so a CI log shows them even when the test passes.
    std::cout << "extraction vs corpus/eval/gold.jsonl:\n"
              << veille::report_text(report).substr(0, veille::report_text(report).find("disagreements:"));
    CHECK(report.unmatched == 0);
    CHECK(report.articles == articles.size());
    CHECK(report.companies.precision() >= 0.95);
    CHECK(report.companies.recall() >= 0.90);
    CHECK(report.text_dates > 0);
    CHECK(report.text_date_accuracy() >= 0.95);
    // Topic agreement has no target of its own; a floor still catches a broken taxonomy.
    CHECK(report.topic_agreement() >= 0.80);
}

TEST_CASE("extraction report counts pairs and dates", "[common][extract][gold]") {
    veille::Article a;
    a.id = "a1";
    a.companies = {"OpenAI", "Meta", "Orange"};
    a.topics = {"IA", "cloud"};
    a.date = veille::Date{2025, 7, 12};
    a.date_origin = veille::DateOrigin::Text;
    veille::Article b;
    b.id = "b2";
    b.companies = {"Iliad"};
    b.topics = {"télécoms"};
    b.date = veille::Date{2024, 1, 1};
    b.date_origin = veille::DateOrigin::Text;
    veille::Article c;
    c.id = "not-in-gold";
    std::vector<veille::GoldEntry> gold = {
        {"a1", {"OpenAI", "Meta", "Mistral AI"}, {"IA"}, veille::Date{2025, 7, 12}},
        {"b2", {"iliad"}, {"régulation", "télécoms"}, veille::Date{2024, 1, 2}},
    };
    const auto r = veille::compare_with_gold({a, b, c}, gold);
    CHECK(r.articles == 2);
    CHECK(r.unmatched == 1);
    CHECK(r.companies.true_positives == 3);  // « iliad » matches « Iliad »: case and accents ignored
    CHECK(r.companies.false_positives == 1);
    CHECK(r.companies.false_negatives == 1);
    CHECK(r.companies.precision() == Approx(0.75));
    CHECK(r.companies.recall() == Approx(0.75));
    CHECK(r.main_topic_agree == 1);  // b2's main gold topic (régulation) was not extracted
    CHECK(r.main_topic_total == 2);
    CHECK(r.text_dates == 2);
    CHECK(r.text_dates_correct == 1);
    CHECK(r.text_date_accuracy() == Approx(0.5));
    const std::string json = veille::report_json(r);
    CHECK(json.find("\"text_date_accuracy\": 0.5") != std::string::npos);
    CHECK(veille::report_text(r).find("b2\tdate\twrong\t2024-01-01 → 2024-01-02") != std::string::npos);
}
