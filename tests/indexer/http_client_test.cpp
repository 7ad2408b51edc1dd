// http_client_test.cpp — HttpClient and FeedFetcher in-process against the test server: the size cap
// counts decoded bytes (exact boundary, gzip that inflates), stored validators cannot inject headers.
#include <catch2/catch.hpp>

#include <string>

#include "indexer/fetch/feed_fetcher.hpp"
#include "indexer/fetch/http_client.hpp"
#include "tests/support/feed_server.hpp"

using veille::HttpClient;
using veille::test::FeedServer;

namespace {

// Answers `body`, chunked (no Content-Length: only the write callback can enforce the cap).
void serve_chunked(httplib::Response& res, const std::string& body, const char* encoding = nullptr) {
    if (encoding) res.set_header("Content-Encoding", encoding);
    res.set_chunked_content_provider("application/octet-stream", [body](std::size_t offset, httplib::DataSink& sink) {
        if (offset >= body.size()) {
            sink.done();
            return true;
        }
        return sink.write(body.data() + offset, std::min<std::size_t>(1000, body.size() - offset));
    });
}

}  // namespace

TEST_CASE("http client: the size cap is on decoded bytes, to the byte", "[indexer][feeds]") {
    FeedServer server;
    const std::string exact(4096, 'a');
    server.on("/exact", [&](const httplib::Request&, httplib::Response& res) { serve_chunked(res, exact); });
    server.on("/one-more", [&](const httplib::Request&, httplib::Response& res) { serve_chunked(res, exact + "b"); });
    // 1 MB of spaces is about 1 kB of gzip: a transfer far under the cap that inflates far over it.
    const std::string bomb = veille::test::gzip(std::string(1u << 20, ' '));
    REQUIRE(bomb.size() < 4096);
    server.on("/bomb", [&](const httplib::Request&, httplib::Response& res) { serve_chunked(res, bomb, "gzip"); });

    HttpClient client({5, 4096, 5}, "veille-test");
    const auto exact_answer = client.get({server.url("/exact"), {}, {}});
    CHECK(exact_answer.error.empty());
    CHECK(exact_answer.body == exact);
    const auto over = client.get({server.url("/one-more"), {}, {}});
    CHECK(over.error == "body larger than 4096 bytes (--fetch-max-size)");
    CHECK(over.body.empty());
    const auto inflated = client.get({server.url("/bomb"), {}, {}});
    CHECK(inflated.error == "body larger than 4096 bytes (--fetch-max-size)");
}

TEST_CASE("feed fetcher: a damaged stored validator cannot add a request header", "[indexer][feeds]") {
    FeedServer server;
    server.on("/flux.rss", [](const httplib::Request&, httplib::Response& res) { res.status = 304; });
    veille::FetchOptions options;
    options.delay_seconds = 0;
    veille::FeedFetcher fetcher(options);
    const veille::FeedState tampered{"\"v1\"\r\nX-Injecte: oui", "Mon, 07 Dec 2026 06:00:00 GMT\nX-Autre: oui"};
    const auto fetch = fetcher.fetch_feed(server.url("/flux.rss"), tampered);
    CHECK(fetch.error.empty());
    CHECK(fetch.status == 304);
    CHECK_FALSE(fetch.changed);
    const auto seen = server.requests("/flux.rss");
    REQUIRE(seen.size() == 1);
    const auto header = [&](const char* name) {
        const auto it = seen[0].headers.find(name);
        return it == seen[0].headers.end() ? std::string("(absent)") : it->second;
    };
    CHECK(header("If-None-Match") == "\"v1\"");
    CHECK(header("If-Modified-Since") == "Mon, 07 Dec 2026 06:00:00 GMT");
    CHECK(header("X-Injecte") == "(absent)");
    CHECK(header("X-Autre") == "(absent)");
    CHECK(header("User-Agent") == veille::FeedFetcher::user_agent());
}
