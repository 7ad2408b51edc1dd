// feeds_http_test.cpp — veille-index --feeds against an HTTP server inside the test (127.0.0.1, no
// network), as HTTP goes: conditional GET and 304s, a feed that changes between runs, gzip,
// --fetch-pages, one request at a time with a delay per host (issue 18, part 1).
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "tests/support/feed_items.hpp"
#include "tests/support/feed_server.hpp"
#include "tests/support/json_results.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using namespace veille::test;

TEST_CASE("feeds: a changed feed indexes only its new item, an unchanged one costs one 304",
          "[e2e][feeds]") {
    FeedServer server;
    std::string etag = "\"v1\"";
    std::vector<FeedItem> items{kGrues, kSodium};
    server.on("/actu.rss", [&](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("If-None-Match") == etag) {
            res.status = 304;
            return;
        }
        res.set_header("ETag", etag);
        serve_xml(res, rss("L'Octet", items));
    });
    // A server that only knows Last-Modified: If-Modified-Since must come back as it was sent.
    const std::string modified = "Mon, 07 Dec 2026 06:00:00 GMT";
    server.on("/riviere.rss", [&](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("If-Modified-Since") == modified) {
            res.status = 304;
            return;
        }
        res.set_header("Last-Modified", modified);
        serve_xml(res, rss("La Dépêche Tech", {kRiviere}));
    });
    TempDir tmp;
    const std::string db = tmp / "db";
    const std::string feeds =
        tmp.write("feeds.txt", "# presse tech\n" + server.url("/actu.rss") + "\n\n" +
                                   server.url("/riviere.rss") + "\n");

    const auto first = index_feeds(fetch_args(db, feeds));
    INFO("first run stderr: " << first.err);
    REQUIRE(first.exit_code == 0);
    const json s1 = summary_of(first);
    CHECK(s1["indexed"] == 3);
    CHECK(feed_entry(s1, server.url("/actu.rss")) ==
          json{{"url", server.url("/actu.rss")}, {"status", 200}, {"new", 2}, {"error", nullptr}});
    CHECK(feed_entry(s1, server.url("/riviere.rss"))["new"] == 1);
    CHECK(ids_for(db, "grues") == std::vector<std::string>{kGrues.guid});
    CHECK(ids_for(db, "Isère") == std::vector<std::string>{kRiviere.guid});
    const auto first_request = server.requests("/actu.rss").at(0);
    CHECK(header(first_request, "User-Agent").starts_with("veille/"));
    CHECK(header(first_request, "If-None-Match").empty());

    // Unchanged: one 304 per feed, nothing read, nothing indexed.
    const auto second = index_feeds(fetch_args(db, feeds));
    INFO("second run stderr: " << second.err);
    REQUIRE(second.exit_code == 0);
    const json s2 = summary_of(second);
    CHECK(s2["indexed"] == 0);
    CHECK(s2["unchanged"] == 0);
    CHECK(feed_entry(s2, server.url("/actu.rss")) ==
          json{{"url", server.url("/actu.rss")}, {"status", 304}, {"new", 0}, {"error", nullptr}});
    CHECK(feed_entry(s2, server.url("/riviere.rss"))["status"] == 304);
    REQUIRE(server.requests("/actu.rss").size() == 2);
    CHECK(header(server.requests("/actu.rss").at(1), "If-None-Match") == "\"v1\"");
    CHECK(header(server.requests("/riviere.rss").at(1), "If-Modified-Since") == modified);

    // The feed gains an item: only it is new, the others are unchanged.
    etag = "\"v2\"";
    items.insert(items.begin(), kRails);
    const json s3 = summary_of(index_feeds(fetch_args(db, feeds)));
    CHECK(feed_entry(s3, server.url("/actu.rss")) ==
          json{{"url", server.url("/actu.rss")}, {"status", 200}, {"new", 1}, {"error", nullptr}});
    CHECK(s3["indexed"] == 1);
    CHECK(s3["unchanged"] == 2);
    CHECK(header(server.requests("/actu.rss").at(2), "If-None-Match") == "\"v1\"");
    CHECK(ids_for(db, "acoustiques") == std::vector<std::string>{kRails.guid});
    CHECK(Xapian::Database(db).get_doccount() == 4);
}

TEST_CASE("feeds: a gzip-encoded feed is decoded", "[e2e][feeds]") {
    FeedServer server;
    server.on("/gzip.rss", [](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("Accept-Encoding").find("gzip") == std::string::npos) {
            res.status = 406;  // the test wants veille to ask for gzip
            return;
        }
        res.set_header("Content-Encoding", "gzip");
        res.set_content(veille::test::gzip(rss("L'Octet", {kSodium})), "application/rss+xml");
    });
    TempDir tmp;
    const auto r =
        index_feeds(fetch_args(tmp / "db", tmp.write("feeds.txt", server.url("/gzip.rss") + "\n")));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(feed_entry(summary_of(r), server.url("/gzip.rss"))["new"] == 1);
    CHECK(ids_for(tmp / "db", "Vénissieux") == std::vector<std::string>{kSodium.guid});
}

TEST_CASE("feeds: --fetch-pages indexes the text of each new item's page, once", "[e2e][feeds]") {
    FeedServer server;
    const FeedItem satellite{"veille-test-satellite",
                             "Un satellite breton pour surveiller les cultures",
                             "Résumé : une jeune entreprise lance un satellite.",
                             server.url("/articles/satellite.html")};
    const FeedItem orphelin{
        "veille-test-orphelin", "Un article dont la page a disparu",
        "Résumé : la page de cet article renvoie une erreur 404 chez l'éditeur.",
        server.url("/articles/disparu.html")};
    server.on("/resumes.rss", [&](const httplib::Request&, httplib::Response& res) {
        serve_xml(res, rss("L'Octet", {satellite, orphelin}));
    });
    server.on("/articles/satellite.html", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(
            "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Un satellite "
            "breton</title></head>"
            "<body><nav>Accueil · Espace · Agriculture</nav><article><h1>Un satellite breton pour "
            "surveiller les "
            "cultures</h1><p>Installée à Lannion, la société prépare le lancement d'un petit "
            "satellite doté d'une "
            "caméra hyperspectrale. Il mesurera chaque semaine l'état hydrique des parcelles "
            "agricoles de "
            "l'Ouest.</p><p>Les premières images sont attendues au printemps, après une campagne "
            "de calibration "
            "au-dessus des marais de Redon.</p></article></body></html>",
            "text/html; charset=utf-8");
    });
    server.on("/articles/disparu.html",
              [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    TempDir tmp;
    const std::string db = tmp / "db";
    const std::string feeds = tmp.write("feeds.txt", server.url("/resumes.rss") + "\n");
    const auto r = index_feeds(fetch_args(db, feeds, {"--fetch-pages"}));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code ==
          0);  // a missing page costs the item its full text, not its place in the index
    CHECK(r.err == "veille-index: " + orphelin.link +
                       ": page not used (HTTP 404); the feed's text is indexed\n");
    CHECK(feed_entry(summary_of(r), server.url("/resumes.rss"))["new"] == 2);
    CHECK(ids_for(db, "hyperspectrale") == std::vector<std::string>{satellite.guid});
    CHECK(ids_for(db, "Redon") == std::vector<std::string>{satellite.guid});
    CHECK(ids_for(db, "disparu") == std::vector<std::string>{orphelin.guid});
    CHECK(ids_for(db, "Accueil").empty());  // navigation is not article text

    // The feed is fetched again (no validators): the pages of stored items are not asked for again.
    const auto again = index_feeds(fetch_args(db, feeds, {"--fetch-pages"}));
    CHECK(again.exit_code == 0);
    CHECK(summary_of(again)["unchanged"] == 2);
    CHECK(server.requests("/articles/satellite.html").size() == 1);
    CHECK(ids_for(db, "hyperspectrale") == std::vector<std::string>{satellite.guid});
}

TEST_CASE("feeds: one request at a time, and --fetch-delay between two to the same host",
          "[e2e][feeds]") {
    FeedServer server;
    for (const char* path : {"/un.rss", "/deux.rss", "/trois.rss"})
        server.on(path, [&server](const httplib::Request&, httplib::Response& res) {
            server.stall(std::chrono::milliseconds(50));
            serve_xml(res, rss("L'Octet", {kGrues}));
        });
    TempDir tmp;
    const std::string feeds =
        tmp.write("feeds.txt", server.url("/un.rss") + "\n" + server.url("/deux.rss") + "\n" +
                                   server.url("/trois.rss") + "\n");
    const auto r =
        index_feeds({"--db", tmp / "db", "--json", "--feeds", feeds, "--fetch-delay", "0.3"});
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    const auto seen = server.all_requests();
    REQUIRE(seen.size() == 3);
    CHECK(server.max_in_flight() == 1);
    // A lower bound only: the delay is a minimum the fetcher waits, whatever the machine's speed.
    for (std::size_t i = 1; i < seen.size(); ++i)
        CHECK(seen[i].at - seen[i - 1].at >= std::chrono::milliseconds(300));

    SECTION(
        "a feed of another host is fetched during the delay, and the summary keeps list order") {
        // « localhost » and « 127.0.0.1 » are two hosts for the fetcher, one server here.
        std::string other = server.url("/trois.rss");
        other.replace(other.find("127.0.0.1"), 9, "localhost");
        const std::string mixed =
            tmp.write("mixed.txt",
                      server.url("/un.rss") + "\n" + server.url("/deux.rss") + "\n" + other + "\n");
        const auto m =
            index_feeds({"--db", tmp / "db2", "--json", "--feeds", mixed, "--fetch-delay", "0.3"});
        INFO("stderr: " << m.err);
        REQUIRE(m.exit_code == 0);
        const auto all = server.all_requests();
        REQUIRE(all.size() == 6);
        CHECK(all[3].path == "/un.rss");
        CHECK(all[4].path == "/trois.rss");  // localhost: no wait for 127.0.0.1's delay
        CHECK(all[5].path == "/deux.rss");
        CHECK(all[5].at - all[3].at >= std::chrono::milliseconds(300));
        const json s = summary_of(m);
        REQUIRE(s["feeds"].size() == 3);
        CHECK(s["feeds"][1]["url"] == server.url("/deux.rss"));
        CHECK(s["feeds"][2]["url"] == other);
    }
}
