// feeds_lists_test.cpp — where feed lists come from and where their items go: an OPML export is a
// feed list, and with --shard I/N each machine keeps its own items of the feeds (issues 18 and 20).
#include <catch2/catch.hpp>

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

TEST_CASE("feeds: an OPML export is a feed list", "[e2e][feeds]") {
    FeedServer server;
    const FeedItem colis{"veille-test-colis",
                         "La Poste confie le tri de ses colis à des robots à Bonneuil",
                         "Sur la plateforme de Bonneuil-sur-Marne, une centaine de robots "
                         "autonomes trient les colis "
                         "la nuit. La Poste vise 30 % de capacité en plus avant les fêtes.",
                         ""};
    const FeedItem dictee{
        "veille-test-dictee", "Le CHU de Lille adopte la dictée médicale hébergée en France",
        "Les médecins dictent leurs comptes rendus à un logiciel de reconnaissance vocale dont les "
        "serveurs sont installés à Roubaix.",
        ""};
    server.on("/logistique.atom", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(atom("Logistique & Tech", {colis}), "application/atom+xml");
    });
    server.on("/sante.rss", [&](const httplib::Request&, httplib::Response& res) {
        serve_xml(res, rss("Santé numérique", {dictee}));
    });
    TempDir tmp;
    const std::string opml = tmp.write(
        "abonnements.opml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\"><head><title>Mes "
        "abonnements</title></head>\n"
        "<body>\n<outline text=\"Industrie\">\n"
        "  <outline type=\"rss\" text=\"Logistique\" xmlUrl=\"" +
            server.url("/logistique.atom") +
            "\"/>\n"
            "  <outline text=\"Dossier vide\"/>\n</outline>\n"
            "<outline type=\"rss\" text=\"Santé\" xmlUrl=\"" +
            server.url("/sante.rss") +
            "\"/>\n"
            "<outline type=\"rss\" text=\"Ancien\" xmlUrl=\"gopher://exemple.fr/flux\"/>\n"
            "</body></opml>\n");
    const auto r = index_feeds(fetch_args(tmp / "db", opml));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err ==
          "veille-index: " + opml + ":9: not an http(s) URL: 'gopher://exemple.fr/flux'\n");
    const json s = summary_of(r);
    CHECK(feed_entry(s, server.url("/logistique.atom"))["new"] == 1);
    CHECK(feed_entry(s, server.url("/sante.rss"))["new"] == 1);
    CHECK(ids_for(tmp / "db", "Bonneuil") == std::vector<std::string>{colis.guid});
    CHECK(ids_for(tmp / "db", "Roubaix") == std::vector<std::string>{dictee.guid});
}

TEST_CASE("feeds: with --shard I/N each machine keeps its items of the feeds, --shards is refused",
          "[e2e][feeds][shards]") {
    FeedServer server;
    server.on("/actu.rss", [](const httplib::Request&, httplib::Response& res) {
        serve_xml(res, rss("L'Octet", {kGrues, kSodium, kRails, kRiviere}));
    });
    TempDir tmp;
    const std::string feeds = tmp.write("feeds.txt", server.url("/actu.rss") + "\n");
    std::size_t stored = 0;
    for (const char* shard : {"0/2", "1/2"}) {
        const std::string db = tmp / (std::string("shard-") + shard[0]);
        const auto r = index_feeds(fetch_args(db, feeds, {"--shard", shard}));
        INFO("shard " << shard << ": " << r.err);
        REQUIRE(r.exit_code == 0);
        const json s = summary_of(r);
        const std::size_t docs = Xapian::Database(db).get_doccount();
        CHECK(s["indexed"] == docs);
        CHECK(s["other_shard"] == 4 - docs);
        CHECK(feed_entry(s, server.url("/actu.rss"))["new"] == docs);
        stored += docs;
    }
    CHECK(stored == 4);  // every item in exactly one shard
    const auto refused = index_feeds(fetch_args(tmp / "all", feeds, {"--shards", "2"}));
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--feeds writes one database") != std::string::npos);
}
