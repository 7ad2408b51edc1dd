// document_data_test.cpp — articles survive the trip through Xapian documents (record + LZ4 body), old data
// still reads, and damaged records are refused with a message instead of read past their end.
#include <catch2/catch.hpp>

#include "common/article.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"

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

TEST_CASE("document data keeps every field of an article, accents and line breaks included",
          "[common][document]") {
    const veille::Article a = full_article();
    require_same(a, veille::from_document_data(veille::to_document_data(a)));
}

TEST_CASE("document data of a bare article: no date, no companies, empty body",
          "[common][document]") {
    veille::Article a;
    a.id = "brève-1";
    a.title = "Brève sans date";
    const veille::Article back = veille::from_document_data(veille::to_document_data(a));
    require_same(a, back);
    CHECK_FALSE(back.date.has_value());
    CHECK(back.date_origin == veille::DateOrigin::None);
}

TEST_CASE("document data of a long manual page: a 300 KB body and a month-only date",
          "[common][document]") {
    veille::Article a = full_article();
    a.body.clear();
    while (a.body.size() < 300'000) a.body += "La commande « grep -r » parcourt l’arborescence. ";
    a.date = veille::parse_iso_date("2024-03");
    require_same(a, veille::from_document_data(veille::to_document_data(a)));
}

TEST_CASE("document data written as JSON by earlier versions still reads", "[common][document]") {
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

TEST_CASE("damaged document data is refused, never read past its end", "[common][document]") {
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

TEST_CASE("a stored article keeps its body in the body slot and reads back whole", "[common][document]") {
    veille::Article a = full_article();
    while (a.body.size() < 200'000) a.body += " Les centres de données consomment de plus en plus d’électricité.";
    Xapian::Document doc;
    veille::store_article(doc, a);
    CHECK(doc.get_data().empty());                              // Xapian would deflate it (schema.hpp)
    CHECK(doc.get_value(veille::slot::kRecord).size() < 600);  // the record without the body
    const std::string packed = doc.get_value(veille::slot::kBody);
    CHECK(packed.size() < a.body.size() / 4);  // repetitive French text compresses well
    require_same(a, veille::stored_article(doc));
    // No body: no slot.
    veille::Article bare;
    bare.id = "vide";
    Xapian::Document empty;
    veille::store_article(empty, bare);
    CHECK(empty.get_value(veille::slot::kBody).empty());
    require_same(bare, veille::stored_article(empty));
}

TEST_CASE("articles of older databases, whole in the document data, still read", "[common][document]") {
    const veille::Article a = full_article();
    Xapian::Document record;
    record.set_data(veille::to_document_data(a));
    require_same(a, veille::stored_article(record));
    // Schema 2: the record without the body in the document data, the body in its slot.
    veille::Article no_body = a;
    no_body.body.clear();
    Xapian::Document split;
    split.set_data(veille::to_document_data(no_body));
    split.add_value(veille::slot::kBody, veille::pack_body(a.body));
    require_same(a, veille::stored_article(split));
    Xapian::Document json;
    json.set_data(R"({"id":"ancien","title":"Titre","body":"Le corps de l’article, en JSON."})");
    CHECK(veille::stored_article(json).body == "Le corps de l’article, en JSON.");
}

TEST_CASE("a damaged stored body is refused, never allocated blindly", "[common][document]") {
    const std::string packed = veille::pack_body("Mistral AI a levé 1,7 milliard d’euros en septembre 2025.");
    CHECK(veille::unpack_body(packed) == "Mistral AI a levé 1,7 milliard d’euros en septembre 2025.");
    CHECK(veille::unpack_body(veille::pack_body("")).empty());
    for (std::size_t n = 0; n < packed.size(); ++n) {
        INFO("cut at " << n);
        CHECK_THROWS_AS(veille::unpack_body(packed.substr(0, n)), veille::Error);
    }
    std::string flipped = packed;
    flipped[0] = static_cast<char>(flipped[0] + 1);  // claims one byte more than the block holds
    CHECK_THROWS_AS(veille::unpack_body(flipped), veille::Error);
    // 2 GiB claimed by a 3-byte value.
    CHECK_THROWS_WITH(veille::unpack_body(std::string("\x80\x80\x80\x80\x08\x00\x00", 7)), Catch::Contains("length"));
    Xapian::Document doc;
    veille::Article a = full_article();
    veille::store_article(doc, a);
    doc.add_value(veille::slot::kBody, packed.substr(0, packed.size() - 3));
    CHECK_THROWS_AS(veille::stored_article(doc), veille::Error);
}
