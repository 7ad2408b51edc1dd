// feed_list_test.cpp — FEEDS.txt / OPML parsing, URL checks and the stored feed state (issue 18, part 1).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/fetch/feed_fetcher.hpp"
#include "indexer/fetch/feed_list.hpp"
#include "indexer/writer.hpp"
#include "tests/support/temp_dir.hpp"

using veille::FeedState;
using veille::parse_feed_list;

namespace {

// "url@line" for each feed, "line: reason" for each problem: one string to compare per row.
std::vector<std::string> described(const veille::FeedList& list) {
    std::vector<std::string> out;
    for (const auto& f : list.feeds) out.push_back(f.url + "@" + std::to_string(f.line));
    for (const auto& p : list.problems) out.push_back(std::to_string(p.line) + ": " + p.reason);
    return out;
}

}  // namespace

TEST_CASE("feed lists: plain text and OPML rows", "[indexer][feeds]") {
    struct Row {
        const char* note;
        std::string content;
        std::vector<std::string> expected;
    };
    const std::vector<Row> rows = {
        {"comments, blank lines, spaces around", "# presse\n\n  https://a.fr/rss  \n\t# autre\nhttp://b.fr/feed.xml\n",
         {"https://a.fr/rss@3", "http://b.fr/feed.xml@5"}},
        {"CRLF and a UTF-8 BOM (Windows editors)", "\xEF\xBB\xBFhttps://a.fr/rss\r\nhttps://b.fr/rss\r\n",
         {"https://a.fr/rss@1", "https://b.fr/rss@2"}},
        {"no final newline", "https://a.fr/rss", {"https://a.fr/rss@1"}},
        {"scheme in capitals is still http", "HTTPS://A.fr/Flux", {"HTTPS://A.fr/Flux@1"}},
        {"a repeated URL is fetched once", "https://a.fr/rss\nhttps://a.fr/rss\n", {"https://a.fr/rss@1"}},
        {"other schemes and bare hosts are problems with their line",
         "ftp://a.fr/rss\nwww.a.fr/rss\nfile:///etc/passwd\nhttps://ok.fr/\n",
         {"https://ok.fr/@4", "1: not an http(s) URL: 'ftp://a.fr/rss'", "2: not an http(s) URL: 'www.a.fr/rss'",
          "3: not an http(s) URL: 'file:///etc/passwd'"}},
        {"a URL with no host", "https:///rss\nhttp://:80/\n",
         {"1: no host in the URL: 'https:///rss'", "2: no host in the URL: 'http://:80/'"}},
        {"a space inside a URL (two URLs on one line)", "https://a.fr/rss https://b.fr/rss\n",
         {"1: space or control character in the URL: 'https://a.fr/rss https://b.fr/rss'"}},
        {"bytes that are not UTF-8 are quoted repaired", "https://a.fr/\xE9t\xE9\n",
         {"1: URL is not valid UTF-8: 'https://a.fr/\xEF\xBF\xBDt\xEF\xBF\xBD'"}},
        {"empty list", "", {}},
        {"only comments", "# rien pour l'instant\n", {}},
        {"OPML: nested outlines, folders without xmlUrl skipped",
         "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><body>\n<outline text=\"Tech\">\n"
         "<outline xmlUrl=\"https://a.fr/rss\"/>\n</outline>\n<outline text=\"vide\"/>\n"
         "<outline xmlUrl=\" https://b.fr/atom \" type=\"rss\"/>\n</body></opml>\n",
         {"https://a.fr/rss@4", "https://b.fr/atom@7"}},
        {"OPML: a bad xmlUrl is a problem at its line",
         "<opml><body>\n<outline xmlUrl=\"javascript:alert(1)\"/>\n<outline xmlUrl=\"http://c.fr/\"/></body></opml>",
         {"http://c.fr/@3", "2: not an http(s) URL: 'javascript:alert(1)'"}},
        {"OPML: malformed XML is one problem", "<opml><body><outline xmlUrl=\"http://a.fr/\">\n</body>",
         {"2: malformed OPML (XML) at byte offset 46: Start-end tags mismatch"}},
        {"XML that is not OPML", "<rss version=\"2.0\"><channel/></rss>",
         {"1: not an OPML file (root element 'rss'); a plain list has one URL per line"}},
    };
    for (const Row& row : rows) {
        INFO(row.note);
        const auto list = parse_feed_list(row.content, "feeds.txt");
        CHECK(described(list) == row.expected);
        for (const auto& p : list.problems) CHECK(p.file == "feeds.txt");
    }
}

TEST_CASE("feed lists: url_host", "[indexer][feeds]") {
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"https://Flux.Exemple.FR/rss", "flux.exemple.fr"},
        {"http://user:secret@exemple.fr:8080/a?b#c", "exemple.fr"},
        {"http://127.0.0.1:41234/actu.rss", "127.0.0.1"},
        {"http://[::1]:8080/flux", "[::1]"},
        {"https://exemple.fr?x=1", "exemple.fr"},
        {"exemple.fr/rss", ""},
        {"https:///rss", ""},
    };
    for (const auto& [url, host] : rows) {
        INFO(url);
        CHECK(veille::url_host(url) == host);
    }
}

TEST_CASE("feed state: encoded in metadata and read back", "[indexer][feeds]") {
    const FeedState state{"W/\"a1b2\"", "Mon, 07 Dec 2026 06:00:00 GMT"};
    CHECK(veille::decode_feed_state(veille::encode_feed_state("https://a.fr/rss", state)) == state);
    CHECK(veille::encode_feed_state("https://a.fr/rss", {}).empty());  // deletes the entry
    CHECK(veille::decode_feed_state("") == FeedState{});
    CHECK(veille::decode_feed_state("{pas du json") == FeedState{});       // damaged: fetched unconditionally
    CHECK(veille::decode_feed_state("{\"etag\": 42}") == FeedState{});
    CHECK(veille::feed_state_key("https://a.fr/rss") == "veille.feed:https://a.fr/rss");
    // A URL too long for a Xapian metadata key gets a stable hashed key, distinct per URL.
    const std::string long_a = "https://a.fr/" + std::string(400, 'a');
    const std::string long_b = "https://a.fr/" + std::string(400, 'b');
    CHECK(veille::feed_state_key(long_a).rfind("veille.feed#", 0) == 0);
    CHECK(veille::feed_state_key(long_a).size() == 28);
    CHECK(veille::feed_state_key(long_a) != veille::feed_state_key(long_b));

    // Stored through BatchWriter, visible only once committed, for long URLs too.
    veille::test::TempDir tmp;
    const std::string db = tmp / "db";
    {
        veille::BatchWriter w(db, 100);
        w.set_metadata(veille::feed_state_key(long_a), veille::encode_feed_state(long_a, state));
        CHECK(Xapian::Database(db).get_metadata(veille::feed_state_key(long_a)).empty());
        w.commit();
    }
    veille::BatchWriter w(db, 100);
    CHECK(veille::decode_feed_state(w.metadata(veille::feed_state_key(long_a))) == state);
}
