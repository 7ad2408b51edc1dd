// atom_feed_test.cpp — the feed's pure part on hand-made results: entry dates for partial and
// missing dates, text XML 1.0 cannot hold (control characters, U+FFFE, invalid UTF-8), an empty
// title, ids that need encoding (issue 18, part 3).
#include <catch2/catch.hpp>

#include <string>

#include <pugixml.hpp>

#include "searcher/watch/atom_feed.hpp"

namespace {

veille::SearchHit hit(const std::string& id, const std::string& title,
                      std::optional<veille::Date> date) {
    veille::SearchHit h;
    h.article.id = id;
    h.article.title = title;
    h.article.date = date;
    h.article.body = "Le corps de l’article, assez long pour servir de résumé à défaut d’extrait.";
    return h;
}

std::string text_of(const pugi::xml_node& node, const char* name) {
    return node.child(name).text().as_string();
}

}  // namespace

TEST_CASE("atom_feed: entry dates, XML-forbidden text, empty titles, encoded ids",
          "[searcher][watch][atom]") {
    veille::Watch watch;
    watch.name = "essai";
    watch.query = "rançongiciel";
    watch.filters = {"company:orange"};
    watch.created = "2026-01-02T03:04:05Z";
    watch.reported = {{"sans-date", "2026-03-01T08:00:00Z"}};

    veille::SearchResult latest;
    latest.hits.push_back(hit("annee",
                              "Un titre avec \x01 un contrôle et \xEF\xBF\xBE un non-caractère",
                              veille::Date{2024, 0, 0}));
    latest.hits.push_back(hit("mois", "Octets invalides \xC3\x28 ici", veille::Date{2025, 7, 0}));
    latest.hits.push_back(hit("sans-date", "", std::nullopt));
    latest.hits.push_back(hit("jamais vu/é", "Jamais signalé", std::nullopt));
    latest.hits.back().snippet = "un \x02mot\x03 marqué";

    const std::string xml = veille::atom_feed(watch, latest);
    pugi::xml_document doc;
    INFO(xml);
    REQUIRE(doc.load_string(xml.c_str()).status == pugi::status_ok);
    const pugi::xml_node feed = doc.child("feed");
    CHECK(text_of(feed, "subtitle") == "rançongiciel [company:orange]");
    // The newest entry date: the report time of the undated article (later than its creation).
    CHECK(text_of(feed, "updated") == "2026-03-01T08:00:00Z");

    struct Row {
        const char* id;
        const char* title;
        const char* updated;
        const char* summary_start;
    };
    const Row rows[] = {
        {"urn:veille:article:annee", "Un titre avec  un contrôle et  un non-caractère",
         "2024-01-01T00:00:00Z", "Le corps de l’article"},  // a year alone: its first day
        {"urn:veille:article:mois", "Octets invalides \xEF\xBF\xBD( ici", "2025-07-01T00:00:00Z",
         "Le corps"},
        {"urn:veille:article:sans-date", "sans-date", "2026-03-01T08:00:00Z",
         "Le corps"},  // reported then
        {"urn:veille:article:jamais%20vu%2F%C3%A9", "Jamais signalé", "2026-01-02T03:04:05Z",
         "un mot marqué"},
    };
    pugi::xml_node entry = feed.child("entry");
    for (const Row& row : rows) {
        INFO(row.id);
        REQUIRE(entry);
        CHECK(text_of(entry, "id") == row.id);
        CHECK(text_of(entry, "title") == row.title);
        CHECK(text_of(entry, "updated") == row.updated);
        CHECK(text_of(entry, "summary").rfind(row.summary_start, 0) == 0);
        CHECK(!entry.child("link"));    // no URL: no link
        CHECK(!entry.child("author"));  // no source: the feed's author stands
        entry = entry.next_sibling("entry");
    }
    CHECK(!entry);
}

TEST_CASE("atom_feed: a watch without matches is a valid empty feed", "[searcher][watch][atom]") {
    veille::Watch watch;
    watch.name = "vide";
    watch.created = "2026-01-02T03:04:05Z";
    pugi::xml_document doc;
    REQUIRE(doc.load_string(veille::atom_feed(watch, {}).c_str()).status == pugi::status_ok);
    CHECK(text_of(doc.child("feed"), "updated") == "2026-01-02T03:04:05Z");
    CHECK(!doc.child("feed").child("entry"));
}
