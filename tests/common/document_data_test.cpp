// document_data_test.cpp — articles survive the trip through Xapian document data, old JSON data
// still reads, and damaged records are refused with a message instead of read past their end.
#include <catch2/catch.hpp>

#include "common/article.hpp"
#include "common/error.hpp"

namespace {

veille::Article full_article() {
    veille::Article a;
    a.id = "lemonde-2025-07-12-mistral";
    a.title = "Mistral AI lève 1,7 milliard d’euros auprès d’ASML";
    a.body = "Le 9 septembre 2025, la start-up française Mistral AI a annoncé une levée de fonds\n\n"
             "menée par le néerlandais ASML, « partenaire industriel » de long terme. Cœur, œuvre, ÿ, 😀.";
    a.source = "Le Monde Informatique";
    a.url = "https://example.org/mistral?x=1&y=«2»";
    a.lang = "fr";
    a.date = veille::parse_iso_date("2025-09-09");
    a.date_origin = veille::DateOrigin::Text;
    a.companies = {"Mistral AI", "ASML"};
    a.topics = {"IA", "levées de fonds"};
    a.topic_scores = {0.8125, 1.0 / 3.0};
    return a;
}

void require_same(const veille::Article& a, const veille::Article& b) {
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.body == b.body);
    CHECK(a.source == b.source);
    CHECK(a.url == b.url);
    CHECK(a.lang == b.lang);
    REQUIRE(a.date.has_value() == b.date.has_value());
    if (a.date) CHECK(a.date->iso() == b.date->iso());
    CHECK(a.date_origin == b.date_origin);
    CHECK(a.companies == b.companies);
    CHECK(a.topics == b.topics);
    CHECK(a.topic_scores == b.topic_scores);  // exact: sortable_serialise keeps every bit
}

}  // namespace

TEST_CASE("document data keeps every field of an article, accents and line breaks included") {
    const veille::Article a = full_article();
    require_same(a, veille::from_document_data(veille::to_document_data(a)));
}

TEST_CASE("document data of a bare article: no date, no companies, empty body") {
    veille::Article a;
    a.id = "brève-1";
    a.title = "Brève sans date";
    const veille::Article back = veille::from_document_data(veille::to_document_data(a));
    require_same(a, back);
    CHECK_FALSE(back.date.has_value());
    CHECK(back.date_origin == veille::DateOrigin::None);
}

TEST_CASE("document data of a long manual page: a 300 KB body and a month-only date") {
    veille::Article a = full_article();
    a.body.clear();
    while (a.body.size() < 300'000) a.body += "La commande « grep -r » parcourt l’arborescence. ";
    a.date = veille::parse_iso_date("2024-03");
    require_same(a, veille::from_document_data(veille::to_document_data(a)));
}

TEST_CASE("document data written as JSON by earlier versions still reads") {
    const std::string json =
        R"({"id":"zdnet-42","title":"Qualcomm présente le Snapdragon X2","body":"Le 24 septembre 2025, à Maui…",)"
        R"("source":"ZDNet","date":"2025-09-24","date_origin":"metadata","companies":["Qualcomm"],)"
        R"("topics":["semi-conducteurs"],"topic_scores":[0.5]})";
    const veille::Article a = veille::from_document_data(json);
    CHECK(a.id == "zdnet-42");
    CHECK(a.title == "Qualcomm présente le Snapdragon X2");
    CHECK(a.source == "ZDNet");
    REQUIRE(a.date);
    CHECK(a.date->iso() == "2025-09-24");
    CHECK(a.date_origin == veille::DateOrigin::Metadata);
    CHECK(a.companies == std::vector<std::string>{"Qualcomm"});
    CHECK(a.topic_scores == std::vector<double>{0.5});
}

TEST_CASE("damaged document data is refused, never read past its end") {
    const std::string good = veille::to_document_data(full_article());
    // Every cut of the record, including the bare mark, is too short.
    for (std::size_t n = 1; n < good.size(); n += 7) {
        INFO("cut at " << n);
        CHECK_THROWS_AS(veille::from_document_data(good.substr(0, n)), veille::Error);
    }
    CHECK_THROWS_AS(veille::from_document_data(good + "x"), veille::Error);
    // A length of 2^63 must not be trusted.
    CHECK_THROWS_AS(veille::from_document_data(std::string("\x02\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 10)),
                    veille::Error);
    CHECK_THROWS_AS(veille::from_document_data("{\"id\": "), veille::Error);
    CHECK_THROWS_WITH(veille::from_document_data(good.substr(0, 20)), Catch::Contains("corrupt document data"));
}
