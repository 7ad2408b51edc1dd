// feeds_fetch_test.cpp — the real veille-index --feeds against an HTTP server inside the test
// (127.0.0.1, no network): conditional GET and 304s, a feed that changes between runs, gzip, OPML,
// --fetch-pages, politeness, and every broken-feed case beside good feeds (issue 18, part 1).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "tests/support/child_process.hpp"
#include "tests/support/feed_server.hpp"
#include "tests/support/json_results.hpp"
#include "tests/support/limited_run.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using veille::test::FeedServer;
using veille::test::ids_for;
using veille::test::lines_of;
using veille::test::run_index;
using veille::test::summary_of;
using veille::test::TempDir;

namespace {

struct Item {
    std::string guid;
    std::string title;
    std::string text;
    std::string link;
};

// Short French tech-news items written for these tests; each holds a word found in no other item.
const Item kGrues{"veille-test-grues", "Le port du Havre teste des grues pilotées par une IA",
                  "Le Grand Port maritime du Havre expérimente un logiciel qui planifie les mouvements des grues de "
                  "quai. Les premiers essais réduisent de 12 % l'attente des porte-conteneurs.", ""};
const Item kSodium{"veille-test-sodium", "Une start-up lyonnaise lève 8 millions d'euros pour ses batteries au sodium",
                   "Fondée en 2021, la jeune pousse conçoit des batteries sodium-ion pour le stockage stationnaire. "
                   "Le tour de table financera une ligne pilote à Vénissieux.", ""};
const Item kRails{"veille-test-rails", "La SNCF écoute ses voies pour prévenir les pannes",
                  "Des capteurs acoustiques installés le long des voies repèrent les roulements défaillants des "
                  "trains de fret avant la panne. Le dispositif couvrira 400 kilomètres de lignes d'ici l'été.", ""};
const Item kRiviere{"veille-test-riviere", "Un centre de données refroidi par l'Isère ouvre près de Grenoble",
                    "L'installation puise l'eau de la rivière pour refroidir ses serveurs, puis chauffe un réseau "
                    "urbain. L'exploitant annonce une consommation électrique réduite d'un tiers.", ""};

std::string rss(const std::string& channel, const std::vector<Item>& items) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>" + channel +
                      "</title><language>fr</language>\n";
    for (const Item& i : items) {
        xml += "<item><guid>" + i.guid + "</guid><title>" + i.title + "</title><description>" + i.text +
               "</description><pubDate>Mon, 07 Dec 2026 07:30:00 +0100</pubDate>";
        if (!i.link.empty()) xml += "<link>" + i.link + "</link>";
        xml += "</item>\n";
    }
    return xml + "</channel></rss>\n";
}

std::string atom(const std::string& title, const std::vector<Item>& entries) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                      "xml:lang=\"fr\"><title>" + title + "</title>\n";
    for (const Item& e : entries)
        xml += "<entry><id>" + e.guid + "</id><title>" + e.title + "</title><summary>" + e.text +
               "</summary><updated>2026-12-07T06:00:00Z</updated></entry>\n";
    return xml + "</feed>\n";
}

void serve_xml(httplib::Response& res, const std::string& body) { res.set_content(body, "application/rss+xml; charset=utf-8"); }

std::string header(const veille::test::SeenRequest& r, const char* name) {
    const auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string() : it->second;
}

// The --json summary's entry for `url` (fails the test when absent).
json feed_entry(const json& summary, const std::string& url) {
    for (const json& f : summary.at("feeds"))
        if (f.at("url") == url) return f;
    FAIL("no feeds entry for " << url << " in " << summary.dump());
    return {};
}

// veille-index with a proxy set in the environment would send the requests for 127.0.0.1 to it.
veille::test::RunResult index_feeds(const std::vector<std::string>& args) {
    return veille::test::run_binary(VEILLE_INDEX_BIN, args, {}, {"no_proxy=*", "NO_PROXY=*"});
}

// Arguments every run of these tests shares: no delay between requests (the politeness test sets its own).
std::vector<std::string> fetch_args(const std::string& db, const std::string& feeds, std::vector<std::string> more = {}) {
    std::vector<std::string> args{"--db", db, "--json", "--feeds", feeds, "--fetch-delay", "0"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

}  // namespace

TEST_CASE("feeds: a changed feed indexes only its new item, an unchanged one costs one 304", "[e2e][feeds]") {
    FeedServer server;
    std::string etag = "\"v1\"";
    std::vector<Item> items{kGrues, kSodium};
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
    const std::string feeds = tmp.write("feeds.txt", "# presse tech\n" + server.url("/actu.rss") + "\n\n" +
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
    const auto r = index_feeds(fetch_args(tmp / "db", tmp.write("feeds.txt", server.url("/gzip.rss") + "\n")));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(feed_entry(summary_of(r), server.url("/gzip.rss"))["new"] == 1);
    CHECK(ids_for(tmp / "db", "Vénissieux") == std::vector<std::string>{kSodium.guid});
}

TEST_CASE("feeds: broken feeds are one line each, good feeds beside them are indexed, exit 3", "[e2e][feeds]") {
    FeedServer server;
    server.on("/bon.rss", [](const httplib::Request&, httplib::Response& res) { serve_xml(res, rss("L'Octet", {kGrues})); });
    server.on("/erreur.rss", [](const httplib::Request&, httplib::Response& res) {
        res.status = 500;
        res.set_content("panne", "text/plain");
    });
    server.on("/lent.rss", [&server](const httplib::Request&, httplib::Response& res) {
        server.stall(std::chrono::seconds(5));
        serve_xml(res, rss("Lent", {kSodium}));
    });
    server.on("/casse.rss", [](const httplib::Request&, httplib::Response& res) {
        serve_xml(res, "<rss version=\"2.0\"><channel><title>Cassé</title><item><title>Sans fin");
    });
    server.on("/page.html", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("<!doctype html><html><body><p>Ceci est une page, pas un flux.</p></body></html>", "text/html");
    });
    // Over the 64 KiB cap given below: once with a Content-Length, once chunked (no length announced).
    const std::string big = rss("Énorme", std::vector<Item>(400, kRails));
    server.on("/enorme.rss", [&big](const httplib::Request&, httplib::Response& res) { serve_xml(res, big); });
    server.on("/enorme-chunked.rss", [&big](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider("application/rss+xml", [&big](std::size_t offset, httplib::DataSink& sink) {
            if (offset >= big.size()) {
                sink.done();
                return true;
            }
            return sink.write(big.data() + offset, std::min<std::size_t>(4096, big.size() - offset));
        });
    });
    server.on("/boucle.rss", [&server](const httplib::Request&, httplib::Response& res) {
        res.set_redirect(server.url("/boucle.rss"), 302);
    });
    struct Row {
        std::string url;
        long status;
        std::vector<std::string> reasons;  ///< the error holds one of these
    };
    const std::vector<Row> rows = {
        {server.url("/erreur.rss"), 500, {"HTTP 500"}},
        {server.url("/lent.rss"), 0, {"timed out after 1 s"}},
        {server.url("/casse.rss"), 200, {"invalid feed at line 1: malformed XML"}},
        {server.url("/page.html"), 200, {"invalid feed", "not an RSS or Atom feed"}},
        {server.url("/enorme.rss"), 200, {"body larger than 65536 bytes (--fetch-max-size)"}},
        {server.url("/enorme-chunked.rss"), 200, {"body larger than 65536 bytes (--fetch-max-size)"}},
        {server.url("/boucle.rss"), 302, {"more than 5 redirects"}},
        // RFC 6761: .invalid never resolves (a resolver that cannot be reached gives « … within 1 s »).
        {"http://flux.veille.invalid/rss.xml", 0, {"cannot resolve host 'flux.veille.invalid'"}},
    };
    std::string list = server.url("/bon.rss") + "\n";
    for (const Row& row : rows) list += row.url + "\n";
    list += server.url("/bon.rss") + "\n";  // listed twice: fetched once
    TempDir tmp;
    const auto r = index_feeds(fetch_args(tmp / "db", tmp.write("feeds.txt", list),
                                        {"--fetch-timeout", "1", "--fetch-max-size", "64k"}));
    INFO("stderr:\n" << r.err);
    CHECK(r.exit_code == 3);
    const json s = summary_of(r);
    CHECK(s["indexed"] == 1);
    CHECK(s["rejected"] == 0);
    CHECK(s["feeds"].size() == rows.size() + 1);
    CHECK(feed_entry(s, server.url("/bon.rss")) ==
          json{{"url", server.url("/bon.rss")}, {"status", 200}, {"new", 1}, {"error", nullptr}});
    CHECK(ids_for(tmp / "db", "grues") == std::vector<std::string>{kGrues.guid});
    CHECK(server.requests("/bon.rss").size() == 1);
    const std::vector<std::string> err_lines = lines_of(r.err);
    for (const Row& row : rows) {
        INFO("feed " << row.url);
        const json entry = feed_entry(s, row.url);
        CHECK(entry["status"] == row.status);
        CHECK(entry["new"] == 0);
        REQUIRE(entry["error"].is_string());
        const std::string error = entry["error"];
        CHECK(std::any_of(row.reasons.begin(), row.reasons.end(),
                          [&](const std::string& reason) { return error.find(reason) != std::string::npos; }));
        // Exactly one stderr line names the feed, and it is the JSON error.
        CHECK(std::count_if(err_lines.begin(), err_lines.end(),
                            [&](const std::string& l) { return l.find(row.url) != std::string::npos; }) == 1);
        CHECK(std::find(err_lines.begin(), err_lines.end(), "veille-index: " + row.url + ": " + error) != err_lines.end());
    }
    CHECK(server.requests("/boucle.rss").size() == 6);  // the first request and 5 redirects, then stop
}

TEST_CASE("feeds: a bad line of the list is file:line, the other feeds are fetched", "[e2e][feeds]") {
    FeedServer server;
    server.on("/bon.rss", [](const httplib::Request&, httplib::Response& res) { serve_xml(res, rss("L'Octet", {kGrues})); });
    TempDir tmp;
    const std::string feeds = tmp.write("feeds.txt", "# mes flux\n" + server.url("/bon.rss") +
                                                         "\nftp://flux.exemple.fr/actu.rss\n   \nwww.exemple.fr/rss\n");
    const auto r = index_feeds(fetch_args(tmp / "db", feeds));
    CHECK(r.exit_code == 3);
    CHECK(r.err == "veille-index: " + feeds + ":3: not an http(s) URL: 'ftp://flux.exemple.fr/actu.rss'\n"
                   "veille-index: " + feeds + ":5: not an http(s) URL: 'www.exemple.fr/rss'\n");
    const json s = summary_of(r);
    CHECK(s["rejected"] == 2);
    CHECK(s["errors"][0] == json{{"file", feeds}, {"line", 3}, {"reason", "not an http(s) URL: 'ftp://flux.exemple.fr/actu.rss'"}});
    CHECK(feed_entry(s, server.url("/bon.rss"))["new"] == 1);
    CHECK(s["feeds"].size() == 1);
}

TEST_CASE("feeds: a missing feed list stops the run, and fetch options need --feeds", "[e2e][feeds]") {
    TempDir tmp;
    const auto missing = index_feeds(fetch_args(tmp / "db", tmp / "absent.txt"));
    CHECK(missing.exit_code == 1);
    CHECK(missing.err == "veille-index: " + (tmp / "absent.txt") + ": cannot open the feed list\n");
    const std::string page = tmp.write("page.html", "<html><body><p>Une page locale sur la fibre optique.</p></body></html>");
    CHECK(run_index({"--db", tmp / "db", "--fetch-pages", page}).exit_code == 2);
    CHECK(run_index({"--db", tmp / "db", "--fetch-timeout", "5", page}).exit_code == 2);
    const std::string feeds = tmp.write("feeds.txt", "https://www.exemple.fr/rss.xml\n");
    CHECK(run_index({"--db", tmp / "db", "--feeds", feeds, "--explain", "un-id"}).exit_code == 2);  // would be ignored
    CHECK(run_index({"--gold", page, "--feeds", feeds, page}).exit_code == 2);
}

TEST_CASE("feeds: an OPML export is a feed list", "[e2e][feeds]") {
    FeedServer server;
    const Item colis{"veille-test-colis", "La Poste confie le tri de ses colis à des robots à Bonneuil",
                     "Sur la plateforme de Bonneuil-sur-Marne, une centaine de robots autonomes trient les colis "
                     "la nuit. La Poste vise 30 % de capacité en plus avant les fêtes.", ""};
    const Item dictee{"veille-test-dictee", "Le CHU de Lille adopte la dictée médicale hébergée en France",
                      "Les médecins dictent leurs comptes rendus à un logiciel de reconnaissance vocale dont les "
                      "serveurs sont installés à Roubaix.", ""};
    server.on("/logistique.atom", [&](const httplib::Request&, httplib::Response& res) {
        res.set_content(atom("Logistique & Tech", {colis}), "application/atom+xml");
    });
    server.on("/sante.rss", [&](const httplib::Request&, httplib::Response& res) { serve_xml(res, rss("Santé numérique", {dictee})); });
    TempDir tmp;
    const std::string opml = tmp.write("abonnements.opml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\"><head><title>Mes abonnements</title></head>\n"
        "<body>\n<outline text=\"Industrie\">\n"
        "  <outline type=\"rss\" text=\"Logistique\" xmlUrl=\"" + server.url("/logistique.atom") + "\"/>\n"
        "  <outline text=\"Dossier vide\"/>\n</outline>\n"
        "<outline type=\"rss\" text=\"Santé\" xmlUrl=\"" + server.url("/sante.rss") + "\"/>\n"
        "<outline type=\"rss\" text=\"Ancien\" xmlUrl=\"gopher://exemple.fr/flux\"/>\n"
        "</body></opml>\n");
    const auto r = index_feeds(fetch_args(tmp / "db", opml));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err == "veille-index: " + opml + ":9: not an http(s) URL: 'gopher://exemple.fr/flux'\n");
    const json s = summary_of(r);
    CHECK(feed_entry(s, server.url("/logistique.atom"))["new"] == 1);
    CHECK(feed_entry(s, server.url("/sante.rss"))["new"] == 1);
    CHECK(ids_for(tmp / "db", "Bonneuil") == std::vector<std::string>{colis.guid});
    CHECK(ids_for(tmp / "db", "Roubaix") == std::vector<std::string>{dictee.guid});
}

TEST_CASE("feeds: --fetch-pages indexes the text of each new item's page, once", "[e2e][feeds]") {
    FeedServer server;
    const Item satellite{"veille-test-satellite", "Un satellite breton pour surveiller les cultures",
                         "Résumé : une jeune entreprise lance un satellite.", server.url("/articles/satellite.html")};
    const Item orphelin{"veille-test-orphelin", "Un article dont la page a disparu",
                        "Résumé : la page de cet article renvoie une erreur 404 chez l'éditeur.",
                        server.url("/articles/disparu.html")};
    server.on("/resumes.rss", [&](const httplib::Request&, httplib::Response& res) {
        serve_xml(res, rss("L'Octet", {satellite, orphelin}));
    });
    server.on("/articles/satellite.html", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(
            "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Un satellite breton</title></head>"
            "<body><nav>Accueil · Espace · Agriculture</nav><article><h1>Un satellite breton pour surveiller les "
            "cultures</h1><p>Installée à Lannion, la société prépare le lancement d'un petit satellite doté d'une "
            "caméra hyperspectrale. Il mesurera chaque semaine l'état hydrique des parcelles agricoles de "
            "l'Ouest.</p><p>Les premières images sont attendues au printemps, après une campagne de calibration "
            "au-dessus des marais de Redon.</p></article></body></html>",
            "text/html; charset=utf-8");
    });
    server.on("/articles/disparu.html", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    TempDir tmp;
    const std::string db = tmp / "db";
    const std::string feeds = tmp.write("feeds.txt", server.url("/resumes.rss") + "\n");
    const auto r = index_feeds(fetch_args(db, feeds, {"--fetch-pages"}));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);  // a missing page costs the item its full text, not its place in the index
    CHECK(r.err == "veille-index: " + orphelin.link + ": page not used (HTTP 404); the feed's text is indexed\n");
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

TEST_CASE("feeds: one request at a time, and --fetch-delay between two to the same host", "[e2e][feeds]") {
    FeedServer server;
    for (const char* path : {"/un.rss", "/deux.rss", "/trois.rss"})
        server.on(path, [&server](const httplib::Request&, httplib::Response& res) {
            server.stall(std::chrono::milliseconds(50));
            serve_xml(res, rss("L'Octet", {kGrues}));
        });
    TempDir tmp;
    const std::string feeds =
        tmp.write("feeds.txt", server.url("/un.rss") + "\n" + server.url("/deux.rss") + "\n" + server.url("/trois.rss") + "\n");
    const auto r = index_feeds({"--db", tmp / "db", "--json", "--feeds", feeds, "--fetch-delay", "0.3"});
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    const auto seen = server.all_requests();
    REQUIRE(seen.size() == 3);
    CHECK(server.max_in_flight() == 1);
    // A lower bound only: the delay is a minimum the fetcher waits, whatever the machine's speed.
    for (std::size_t i = 1; i < seen.size(); ++i)
        CHECK(seen[i].at - seen[i - 1].at >= std::chrono::milliseconds(300));

    SECTION("a feed of another host is fetched during the delay, and the summary keeps list order") {
        // « localhost » and « 127.0.0.1 » are two hosts for the fetcher, one server here.
        std::string other = server.url("/trois.rss");
        other.replace(other.find("127.0.0.1"), 9, "localhost");
        const std::string mixed = tmp.write("mixed.txt", server.url("/un.rss") + "\n" + server.url("/deux.rss") + "\n" + other + "\n");
        const auto m = index_feeds({"--db", tmp / "db2", "--json", "--feeds", mixed, "--fetch-delay", "0.3"});
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

TEST_CASE("feeds: a run killed after a feed was fetched does not record it as seen without its items", "[e2e][feeds][interrupt]") {
    // The bug this pins: storing a feed's ETag as soon as it is fetched, committed before its items.
    // A run killed in between loses the items for good: the next run gets a 304 and never reads them.
    FeedServer server;
    server.on("/a.rss", [](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("If-None-Match") == "\"a1\"") {
            res.status = 304;
            return;
        }
        res.set_header("ETag", "\"a1\"");
        serve_xml(res, rss("L'Octet", {kGrues, kSodium}));
    });
    server.on("/b.rss", [&server](const httplib::Request&, httplib::Response& res) {
        server.stall(std::chrono::seconds(60));  // veille-index is killed while it waits here
        serve_xml(res, rss("Lent", {kRails}));
    });
    TempDir tmp;
    const std::string db = tmp / "db";
    const std::string feeds = tmp.write("feeds.txt", server.url("/a.rss") + "\n" + server.url("/b.rss") + "\n");
    {
        veille::test::Child indexer(VEILLE_INDEX_BIN, {"--db", db, "--feeds", feeds, "--fetch-delay", "0"},
                                    tmp / "kill.out", tmp / "kill.err");
        const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (server.requests("/b.rss").empty() && indexer.running() && std::chrono::steady_clock::now() < limit)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        REQUIRE(server.requests("/b.rss").size() == 1);
        indexer.kill_hard();
        REQUIRE(indexer.wait() == 128 + SIGKILL);
    }
    {
        // Whatever the kill left, a stored state comes with every item of its feed.
        const Xapian::Database killed(db);
        const bool state_stored = !killed.get_metadata("veille.feed:" + server.url("/a.rss")).empty();
        INFO("documents after SIGKILL: " << killed.get_doccount() << ", state stored: " << state_stored);
        CHECK((!state_stored || killed.get_doccount() == 2));
    }
    const auto rerun = index_feeds(fetch_args(db, feeds, {"--fetch-timeout", "1"}));
    INFO("re-run stderr: " << rerun.err);
    CHECK(rerun.exit_code == 3);  // /b.rss still stalls: timed out
    CHECK(ids_for(db, "grues") == std::vector<std::string>{kGrues.guid});
    CHECK(ids_for(db, "Vénissieux") == std::vector<std::string>{kSodium.guid});
}

TEST_CASE("feeds: --on-error fail stops at the first broken feed, keeping the feeds before it", "[e2e][feeds]") {
    FeedServer server;
    server.on("/bon.rss", [](const httplib::Request&, httplib::Response& res) { serve_xml(res, rss("L'Octet", {kGrues})); });
    server.on("/erreur.rss", [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
    server.on("/apres.rss", [](const httplib::Request&, httplib::Response& res) { serve_xml(res, rss("Après", {kSodium})); });
    TempDir tmp;
    const std::string feeds = tmp.write("feeds.txt", server.url("/bon.rss") + "\n" + server.url("/erreur.rss") + "\n" +
                                                         server.url("/apres.rss") + "\n");
    const auto r = index_feeds(fetch_args(tmp / "db", feeds, {"--on-error", "fail"}));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "veille-index: " + server.url("/erreur.rss") + ": HTTP 503\n");
    CHECK(r.out.empty());
    CHECK(ids_for(tmp / "db", "grues") == std::vector<std::string>{kGrues.guid});
    CHECK(server.requests("/apres.rss").empty());
}

TEST_CASE("feeds: with --shard I/N each machine keeps its items of the feeds, --shards is refused", "[e2e][feeds][shards]") {
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
