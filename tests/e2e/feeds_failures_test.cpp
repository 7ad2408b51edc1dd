// feeds_failures_test.cpp — what goes wrong with feeds: each broken feed is one line and the good
// ones beside it are indexed (exit 3), a bad line of the list is file:line, --on-error fail, and a
// run killed mid-way never records a feed as seen without its items (issue 18, part 1).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "tests/support/child_process.hpp"
#include "tests/support/feed_items.hpp"
#include "tests/support/feed_server.hpp"
#include "tests/support/json_results.hpp"
#include "tests/support/limited_run.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using namespace veille::test;

TEST_CASE("feeds: broken feeds are one line each, good feeds beside them are indexed, exit 3",
          "[e2e][feeds]") {
    FeedServer server;
    server.on("/bon.rss", [](const httplib::Request&, httplib::Response& res) {
        serve_xml(res, rss("L'Octet", {kGrues}));
    });
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
        res.set_content(
            "<!doctype html><html><body><p>Ceci est une page, pas un flux.</p></body></html>",
            "text/html");
    });
    // Over the 64 KiB cap given below: once with a Content-Length, once chunked (no length
    // announced).
    const std::string big = rss("Énorme", std::vector<FeedItem>(400, kRails));
    server.on("/enorme.rss",
              [&big](const httplib::Request&, httplib::Response& res) { serve_xml(res, big); });
    server.on("/enorme-chunked.rss", [&big](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider(
            "application/rss+xml", [&big](std::size_t offset, httplib::DataSink& sink) {
                if (offset >= big.size()) {
                    sink.done();
                    return true;
                }
                return sink.write(big.data() + offset,
                                  std::min<std::size_t>(4096, big.size() - offset));
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
        {server.url("/enorme-chunked.rss"),
         200,
         {"body larger than 65536 bytes (--fetch-max-size)"}},
        {server.url("/boucle.rss"), 302, {"more than 5 redirects"}},
        // RFC 6761: .invalid never resolves (a resolver that cannot be reached gives « … within 1 s
        // »).
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
        CHECK(std::any_of(row.reasons.begin(), row.reasons.end(), [&](const std::string& reason) {
            return error.find(reason) != std::string::npos;
        }));
        // Exactly one stderr line names the feed, and it is the JSON error.
        CHECK(std::count_if(err_lines.begin(), err_lines.end(), [&](const std::string& l) {
                  return l.find(row.url) != std::string::npos;
              }) == 1);
        CHECK(std::find(err_lines.begin(), err_lines.end(),
                        "veille-index: " + row.url + ": " + error) != err_lines.end());
    }
    CHECK(server.requests("/boucle.rss").size() ==
          6);  // the first request and 5 redirects, then stop
}

TEST_CASE("feeds: a bad line of the list is file:line, the other feeds are fetched",
          "[e2e][feeds]") {
    FeedServer server;
    server.on("/bon.rss", [](const httplib::Request&, httplib::Response& res) {
        serve_xml(res, rss("L'Octet", {kGrues}));
    });
    TempDir tmp;
    const std::string feeds =
        tmp.write("feeds.txt", "# mes flux\n" + server.url("/bon.rss") +
                                   "\nftp://flux.exemple.fr/actu.rss\n   \nwww.exemple.fr/rss\n");
    const auto r = index_feeds(fetch_args(tmp / "db", feeds));
    CHECK(r.exit_code == 3);
    CHECK(r.err == "veille-index: " + feeds +
                       ":3: not an http(s) URL: 'ftp://flux.exemple.fr/actu.rss'\n"
                       "veille-index: " +
                       feeds + ":5: not an http(s) URL: 'www.exemple.fr/rss'\n");
    const json s = summary_of(r);
    CHECK(s["rejected"] == 2);
    CHECK(s["errors"][0] ==
          json{{"file", feeds},
               {"line", 3},
               {"reason", "not an http(s) URL: 'ftp://flux.exemple.fr/actu.rss'"}});
    CHECK(feed_entry(s, server.url("/bon.rss"))["new"] == 1);
    CHECK(s["feeds"].size() == 1);
}

TEST_CASE("feeds: a missing feed list stops the run, and fetch options need --feeds",
          "[e2e][feeds]") {
    TempDir tmp;
    const auto missing = index_feeds(fetch_args(tmp / "db", tmp / "absent.txt"));
    CHECK(missing.exit_code == 1);
    CHECK(missing.err == "veille-index: " + (tmp / "absent.txt") + ": cannot open the feed list\n");
    const std::string page = tmp.write(
        "page.html", "<html><body><p>Une page locale sur la fibre optique.</p></body></html>");
    CHECK(run_index({"--db", tmp / "db", "--fetch-pages", page}).exit_code == 2);
    CHECK(run_index({"--db", tmp / "db", "--fetch-timeout", "5", page}).exit_code == 2);
    const std::string feeds = tmp.write("feeds.txt", "https://www.exemple.fr/rss.xml\n");
    CHECK(run_index({"--db", tmp / "db", "--feeds", feeds, "--explain", "un-id"}).exit_code ==
          2);  // would be ignored
    CHECK(run_index({"--gold", page, "--feeds", feeds, page}).exit_code == 2);
}

TEST_CASE(
    "feeds: a run killed after a feed was fetched does not record it as seen without its items",
    "[e2e][feeds][interrupt]") {
    // The bug this pins: storing a feed's ETag as soon as it is fetched, committed before its
    // items. A run killed in between loses the items for good: the next run gets a 304 and never
    // reads them.
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
    const std::string feeds =
        tmp.write("feeds.txt", server.url("/a.rss") + "\n" + server.url("/b.rss") + "\n");
    {
        veille::test::Child indexer(VEILLE_INDEX_BIN,
                                    {"--db", db, "--feeds", feeds, "--fetch-delay", "0"},
                                    tmp / "kill.out", tmp / "kill.err");
        const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (server.requests("/b.rss").empty() && indexer.running() &&
               std::chrono::steady_clock::now() < limit)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        REQUIRE(server.requests("/b.rss").size() == 1);
        indexer.kill_hard();
        REQUIRE(indexer.wait() == 128 + SIGKILL);
    }
    {
        // Whatever the kill left, a stored state comes with every item of its feed.
        const Xapian::Database killed(db);
        const bool state_stored =
            !killed.get_metadata("veille.feed:" + server.url("/a.rss")).empty();
        INFO("documents after SIGKILL: " << killed.get_doccount()
                                         << ", state stored: " << state_stored);
        CHECK((!state_stored || killed.get_doccount() == 2));
    }
    const auto rerun = index_feeds(fetch_args(db, feeds, {"--fetch-timeout", "1"}));
    INFO("re-run stderr: " << rerun.err);
    CHECK(rerun.exit_code == 3);  // /b.rss still stalls: timed out
    CHECK(ids_for(db, "grues") == std::vector<std::string>{kGrues.guid});
    CHECK(ids_for(db, "Vénissieux") == std::vector<std::string>{kSodium.guid});
}

TEST_CASE("feeds: --on-error fail stops at the first broken feed, keeping the feeds before it",
          "[e2e][feeds]") {
    FeedServer server;
    server.on("/bon.rss", [](const httplib::Request&, httplib::Response& res) {
        serve_xml(res, rss("L'Octet", {kGrues}));
    });
    server.on("/erreur.rss",
              [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
    server.on("/apres.rss", [](const httplib::Request&, httplib::Response& res) {
        serve_xml(res, rss("Après", {kSodium}));
    });
    TempDir tmp;
    const std::string feeds =
        tmp.write("feeds.txt", server.url("/bon.rss") + "\n" + server.url("/erreur.rss") + "\n" +
                                   server.url("/apres.rss") + "\n");
    const auto r = index_feeds(fetch_args(tmp / "db", feeds, {"--on-error", "fail"}));
    CHECK(r.exit_code == 1);
    CHECK(r.err == "veille-index: " + server.url("/erreur.rss") + ": HTTP 503\n");
    CHECK(r.out.empty());
    CHECK(ids_for(tmp / "db", "grues") == std::vector<std::string>{kGrues.guid});
    CHECK(server.requests("/apres.rss").empty());
}
