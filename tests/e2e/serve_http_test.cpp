// serve_http_test.cpp — the real `veille-search serve` over HTTP: /api/search is the CLI's --json,
// every status code, security headers, escaping of hostile articles, path traversal, hostile
// requests, and new commits seen without a restart (issue 17).
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/schema.hpp"
#include "searcher/serve/html_text.hpp"
#include "tests/support/corpus_db.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/serve_process.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using veille::test::HttpAnswer;
using veille::test::run_index;
using veille::test::run_search;
using veille::test::ServeProcess;
using veille::test::TempDir;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// took_ms is the one field that differs between two runs of the same search.
std::string mask_timing(const std::string& text) {
    static const std::regex kTook(R"("took_ms":[0-9.eE+-]+)");
    return std::regex_replace(text, kTook, R"("took_ms":0)");
}

std::string api_search(const Params& params) { return "/api/search" + veille::query_string(params); }

// An article whose title is a script and whose url runs one: the page must show both as text.
const char* const kHostile =
    R"j({"id": "hostile-1", "title": "<script>alert(1)</script> piège \"guillemets\" & <b>gras</b>", )j"
    R"j("date": "2025-07-01", "source": "<img src=x onerror=alert(2)>", "url": "javascript:alert(3)", )j"
    R"j("body": "Un article piège pour le navigateur : <script>alert(4)</script> et du texte ordinaire sur la cybersécurité."})j"
    "\n";

}  // namespace

TEST_CASE("serve: /api/search is byte for byte the --json object of the same request", "[e2e][serve]") {
    const std::string& db = veille::test::corpus_and_mini_db();
    ServeProcess server(db);
    struct Case {
        Params api;
        std::vector<std::string> cli;
    };
    const std::vector<Case> cases = {
        {{{"q", "mistral"}}, {"mistral"}},
        {{{"q", "cloud"}, {"filter", "company:orange"}, {"n", "20"}}, {"cloud", "--filter", "company:orange", "-n", "20"}},
        {{{"q", "ia"}, {"filter", "company:openai"}, {"filter", "date:2025"}, {"sort", "date"}, {"n", "5"}, {"offset", "5"}},
         {"ia", "--filter", "company:openai", "--filter", "date:2025", "--sort", "date", "-n", "5", "--offset", "5"}},
        {{{"q", "\"open source\""}, {"sort", "oldest"}, {"facet_limit", "3"}},
         {"\"open source\"", "--sort", "oldest", "--facet-limit", "3"}},
        {{{"q", "securiter"}}, {"securiter"}},                     // did-you-mean
        {{{"q", "l’IA générative (en Europe"}}, {"l’IA générative (en Europe"}},  // a lenient notice
        {{{"q", "modèle"}, {"filter", "company:\"Mistral AI\""}, {"n", "0"}},
         {"modèle", "--filter", "company:\"Mistral AI\"", "-n", "0"}},
        {{{"q", "openai"}, {"collapse", "0"}, {"n", "30"}}, {"openai", "--no-collapse", "-n", "30"}},  // every article
        {{{"q", "openai"}, {"n", "30"}}, {"openai", "-n", "30"}},  // Stargate once, with its other source
    };
    for (const auto& c : cases) {
        std::vector<std::string> args{"--db", db, "--json"};
        args.insert(args.end(), c.cli.begin(), c.cli.end());
        const auto cli = run_search(args);
        INFO("request: " << api_search(c.api) << "\nstderr: " << cli.err);
        REQUIRE(cli.exit_code == 0);
        HttpAnswer api = server.get(api_search(c.api));
        REQUIRE(api.status == 200);
        CHECK(api.headers.at("content-type") == "application/json; charset=utf-8");
        CHECK(mask_timing(api.body) == mask_timing(cli.out));
    }
}

TEST_CASE("serve: its own --today, --no-date-words, --recency, --sort and --time-limit apply to every request", "[e2e][serve]") {
    // A server reads date words from the day it is told, as `veille-search --today` does: without
    // it, « depuis janvier » would count from the clock and the API would drift from the CLI.
    const std::string& db = veille::test::corpus_and_mini_db();
    struct Case {
        std::vector<std::string> serve;  // serve's own options
        Params api;
        std::vector<std::string> cli;    // the same search on the command line
    };
    const std::vector<Case> cases = {
        {{"--today", "2025-09-15"}, {{"q", "OpenAI depuis janvier"}}, {"--today", "2025-09-15", "OpenAI depuis janvier"}},
        {{"--today", "2025-09-15", "--no-date-words"}, {{"q", "OpenAI depuis janvier"}},
         {"--today", "2025-09-15", "--no-date-words", "OpenAI depuis janvier"}},
        {{"--today", "2025-09-15", "--recency", "30"}, {{"q", "cloud souverain"}},
         {"--today", "2025-09-15", "--recency", "30", "cloud souverain"}},
        {{"--sort", "date", "-n", "3"}, {{"q", "Mistral AI"}}, {"--sort", "date", "-n", "3", "Mistral AI"}},
        {{"--no-collapse"}, {{"q", "openai"}}, {"--no-collapse", "openai"}},
        // the URL's own collapse wins over the server's default
        {{"--no-collapse"}, {{"q", "openai"}, {"collapse", "1"}}, {"openai"}},
        // the URL's own sort wins over the server's default
        {{"--sort", "date"}, {{"q", "Mistral AI"}, {"sort", "relevance"}}, {"Mistral AI"}},
        // a time limit already past when counting begins: the same partial answer
        {{"--time-limit", "0.001"}, {{"q", "puces"}}, {"--time-limit", "0.001", "puces"}},
    };
    std::vector<std::string> answers;
    for (const auto& c : cases) {
        std::vector<std::string> args{"--db", db, "--json"};
        args.insert(args.end(), c.cli.begin(), c.cli.end());
        const auto cli = run_search(args);
        INFO("serve " << c.serve.front() << "…; request " << api_search(c.api) << "\nstderr: " << cli.err);
        REQUIRE(cli.exit_code == 0);
        ServeProcess server(db, c.serve);
        const HttpAnswer api = server.get(api_search(c.api));
        REQUIRE(api.status == 200);
        CHECK(mask_timing(api.body) == mask_timing(cli.out));
        answers.push_back(api.body);
    }
    // The first reading took « depuis janvier » as a date filter, the second (--no-date-words) did not.
    CHECK(json::parse(answers[0])["filters"].dump().find("date:") != std::string::npos);
    CHECK(json::parse(answers[1])["filters"].dump().find("date:") == std::string::npos);
    CHECK(json::parse(answers[7])["partial"] == true);
    CHECK_FALSE(json::parse(answers[0]).contains("partial"));

    // A filter on the server's command line would be a subset no URL can lift: refused, before listening.
    const auto refused = run_search({"--db", db, "--filter", "company:openai", "serve", "--listen", "127.0.0.1:0"});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--filter") != std::string::npos);
}

TEST_CASE("serve: every status code, as JSON {error}", "[e2e][serve]") {
    ServeProcess server(veille::test::corpus_and_mini_db());
    SECTION("200: health and an article") {
        HttpAnswer health = server.get("/api/health");
        REQUIRE(health.status == 200);
        const json h = json::parse(health.body);
        CHECK(h["database"] == veille::test::corpus_and_mini_db());
        CHECK(h["articles"].get<int>() > 150);
        CHECK(h["schema_version"] == veille::kSchemaVersion);
        CHECK(h["last_commit"].get<std::string>().size() == 20);  // 2026-12-04T19:03:36Z
        HttpAnswer article = server.get("/api/articles/mini-01");
        REQUIRE(article.status == 200);
        const json a = json::parse(article.body);
        CHECK(a["id"] == "mini-01");
        CHECK(a["date"] == "2025-07-15");
        CHECK(a["date_origin"] == "metadata");
        CHECK_THAT(a["body"].get<std::string>(), Catch::StartsWith("OpenAI a présenté"));
        for (const char* key : {"title", "source", "url", "companies", "topics"}) CHECK(a.contains(key));
    }
    SECTION("400: bad parameters, each named") {
        for (const auto& [target, names] : std::vector<std::pair<std::string, std::string>>{
                 {"/api/search?q=x&n=abc", "n"},
                 {"/api/search?q=x&n=101", "n"},
                 {"/api/search?q=x&offset=-1", "offset"},
                 {"/api/search?q=x&sort=hasard", "sort"},
                 {"/api/search?q=x&limit=3", "limit"},
                 {"/api/search?q=x&q=y", "q"},
                 {"/api/search?q=x&filter=sansdeuxpoints", "filter"},
                 {"/api/search?q=x&filter=couleur:rouge", "couleur"},
                 {"/api/search?q=(((&strict=1", "parenthesis"}}) {
            INFO(target);
            HttpAnswer a = server.get(target);
            CHECK(a.status == 400);
            CHECK_THAT(json::parse(a.body)["error"].get<std::string>(), Catch::Contains(names));
        }
    }
    SECTION("404: unknown route and unknown article") {
        for (const char* target : {"/nope", "/api", "/api/search/x", "/api/articles/inconnu", "/static/", "/static/x.js"}) {
            INFO(target);
            HttpAnswer a = server.get(target);
            CHECK(a.status == 404);
            CHECK(json::parse(a.body).contains("error"));
        }
    }
    SECTION("413: query text, parameters and body beyond the limits") {
        CHECK(server.get(api_search({{"q", std::string(2000, 'a')}})).status == 413);
        Params many;
        for (int i = 0; i < 100; ++i) many.emplace_back("filter", "company:x" + std::to_string(i));
        CHECK(server.get(api_search(many)).status == 413);
        const std::string body(100000, 'a');
        HttpAnswer posted = server.send("POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                              std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        CHECK(posted.status == 413);
    }
    SECTION("414 / 413: 10,000 parameters, and the server still answers") {
        std::string target = "/api/search?q=x";
        for (int i = 0; i < 10000; ++i) target += "&p" + std::to_string(i) + "=1";
        HttpAnswer a = server.get(target);
        CHECK((a.status == 414 || a.status == 413));
        CHECK(json::parse(a.body).contains("error"));
        CHECK(server.get("/api/health").status == 200);
    }
}

TEST_CASE("serve: 503 while the database is missing, then its first commit without a restart", "[e2e][serve]") {
    TempDir dir;
    const std::string db = dir / "later.db";
    ServeProcess server(db);
    CHECK_THAT(server.errors(), Catch::Contains("503"));
    for (const char* target : {"/api/health", "/api/search?q=openai", "/api/articles/mini-01"}) {
        INFO(target);
        HttpAnswer a = server.get(target);
        CHECK(a.status == 503);
        CHECK_THAT(json::parse(a.body)["error"].get<std::string>(), Catch::Contains("no such database"));
    }
    CHECK(server.get("/?q=openai").status == 503);
    REQUIRE(run_index({"--db", db, veille::test::test_data("mini.jsonl")}).exit_code == 0);
    HttpAnswer found = server.get("/api/search?q=openai");
    REQUIRE(found.status == 200);
    CHECK(json::parse(found.body)["total"].get<int>() > 0);

    // A later commit (by veille-index, beside the running server) is seen by the next request.
    const auto before = json::parse(server.get("/api/health").body)["articles"].get<int>();
    CHECK(json::parse(server.get("/api/search?q=hostile").body)["total"] == 0);
    REQUIRE(run_index({"--db", db, dir.write("hostile.jsonl", kHostile)}).exit_code == 0);
    CHECK(json::parse(server.get("/api/health").body)["articles"].get<int>() == before + 1);
    CHECK(server.get("/api/articles/hostile-1").status == 200);
    CHECK(json::parse(server.get("/api/search?q=pi%C3%A8ge").body)["total"] == 1);
    CHECK(server.stop() == 0);
}

TEST_CASE("serve: security headers, escaped articles, no path outside the page's files", "[e2e][serve]") {
    TempDir dir;
    const std::string db = dir / "db";
    REQUIRE(run_index({"--db", db, veille::test::test_data("mini.jsonl"), dir.write("hostile.jsonl", kHostile)})
                .exit_code == 0);
    ServeProcess server(db);

    SECTION("every answer: a CSP without inline script, nosniff, no framing") {
        for (const char* target : {"/", "/?q=openai", "/api/search?q=openai", "/api/health", "/nope",
                                   "/api/search?n=x", "/static/app.js", "/static/style.css"}) {
            INFO(target);
            HttpAnswer a = server.get(target);
            const std::string csp = a.headers["content-security-policy"];
            CHECK_THAT(csp, Catch::Contains("script-src 'self'") && Catch::Contains("default-src 'none'"));
            CHECK_THAT(csp, !Catch::Contains("unsafe-inline") && !Catch::Contains("unsafe-eval"));
            CHECK(a.headers["x-content-type-options"] == "nosniff");
            CHECK(a.headers["x-frame-options"] == "DENY");
        }
        CHECK(server.get("/static/app.js").headers["content-type"] == "text/javascript; charset=utf-8");
    }
    SECTION("a script title, an onerror source and a javascript: url are text") {
        HttpAnswer page = server.get("/?q=pi%C3%A8ge");
        REQUIRE(page.status == 200);
        CHECK(page.headers["content-type"] == "text/html; charset=utf-8");
        CHECK_THAT(page.body, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt; piège &quot;guillemets&quot; "
                                              "&amp; &lt;b&gt;gras&lt;/b&gt;"));
        CHECK_THAT(page.body, Catch::Contains("&lt;img src=x onerror=alert(2)&gt;"));
        CHECK_THAT(page.body, Catch::Contains("<p class=\"url\">javascript:alert(3)</p>"));
        CHECK_THAT(page.body, !Catch::Contains("<script>alert") && !Catch::Contains("href=\"javascript:") &&
                                  !Catch::Contains("<img") && !Catch::Contains("<b>"));
        // The page's only script is its own file.
        const std::regex script("<script");
        CHECK(std::distance(std::sregex_iterator(page.body.begin(), page.body.end(), script), std::sregex_iterator()) == 1);
        CHECK_THAT(page.body, Catch::Contains("<script src=\"/static/app.js\" defer></script>"));
        // The query itself is echoed escaped too.
        CHECK_THAT(server.get("/?q=%22%3E%3Cscript%3Ealert(5)%3C/script%3E").body,
                   !Catch::Contains("<script>alert(5)") && Catch::Contains("&quot;&gt;&lt;script&gt;alert(5)"));
    }
    SECTION("no directory listing, no way out with .. or its encodings") {
        for (const char* target : {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/../../etc/passwd",
                                   "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd",
                                   "/static", "/static/", "/..", "/api/../../etc/passwd", "//etc/passwd"}) {
            INFO(target);
            HttpAnswer a = server.get(target);
            CHECK((a.status == 404 || a.status == 400));
            CHECK_THAT(a.body, !Catch::Contains("root:"));
        }
    }
    SECTION("bad UTF-8 in q is replaced, with a notice, in valid JSON") {
        HttpAnswer a = server.get("/api/search?q=%FF%FEopenai%C3");
        REQUIRE(a.status == 200);
        const json j = json::parse(a.body);
        REQUIRE_FALSE(j["notices"].empty());
        CHECK(server.get("/?q=%FF%FE").status == 200);
    }
}

TEST_CASE("serve: the page searches without JavaScript (server-rendered)", "[e2e][serve]") {
    ServeProcess server(veille::test::corpus_and_mini_db());
    HttpAnswer home = server.get("/");
    REQUIRE(home.status == 200);
    CHECK_THAT(home.body, Catch::Contains("<html lang=\"fr\">") && Catch::Contains("<label for=\"q\">"));
    HttpAnswer page = server.get("/?q=openai&filter=date:2025-07");
    REQUIRE(page.status == 200);
    const json api = json::parse(server.get("/api/search?q=openai&filter=date:2025-07&facet_limit=100").body);
    CHECK_THAT(page.body, Catch::Contains("data-total=\"" + std::to_string(api["total"].get<int>()) + "\""));
    for (const auto& hit : api["results"]) CHECK_THAT(page.body, Catch::Contains("id=\"article-" + hit["id"].get<std::string>() + "\""));
    // The chip removes its filter; a company facet adds one; the next page keeps the state.
    CHECK_THAT(page.body, Catch::Contains("aria-label=\"Retirer le filtre Mois : 2025-07\""));
    CHECK_THAT(page.body, Catch::Contains("href=\"/?q=openai\""));
    CHECK_THAT(page.body, Catch::Contains("href=\"/?q=openai&amp;filter=date%3A2025-07&amp;filter=company%3AOpenAI\""));
    HttpAnswer second = server.get("/?q=ia&offset=10");
    CHECK_THAT(second.body, Catch::Contains("<ol class=\"resultats\" start=\"11\">") && Catch::Contains("rel=\"prev\""));
    // A bad parameter is shown on the page, in French, with its status.
    HttpAnswer bad = server.get("/?q=ia&n=mille");
    CHECK(bad.status == 400);
    CHECK_THAT(bad.body, Catch::Contains("n : « mille » n&#39;est pas un entier"));
    // A story told twice is one result naming the other outlet; collapse=0 lists both and keeps
    // itself in the links and the form.
    HttpAnswer story = server.get("/?q=stargate");
    CHECK_THAT(story.body, Catch::Contains("+ 1 autre source : <span title=\"Stargate"));
    HttpAnswer every = server.get("/?q=stargate&collapse=0");
    CHECK_THAT(every.body, Catch::Contains("id=\"article-eco-042\"") && Catch::Contains("id=\"article-ia-027\"") &&
                               Catch::Contains("name=\"collapse\" value=\"0\"") && !Catch::Contains("autre source"));
}

TEST_CASE("serve: concurrent clients get the same answers as one", "[e2e][serve]") {
    ServeProcess server(veille::test::corpus_and_mini_db(), {"--threads", "4"});
    const std::vector<std::string> targets = {"/api/search?q=openai", "/api/search?q=cloud&sort=date",
                                              "/api/search?q=%22intelligence%20artificielle%22",
                                              "/api/search?q=ia&filter=company:meta&n=3"};
    std::vector<std::string> expected;
    for (const auto& t : targets) expected.push_back(mask_timing(server.get(t).body));
    std::vector<int> wrong(8, 0);
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c)
        clients.emplace_back([&, c] {
            for (int i = 0; i < 20; ++i) {
                const std::size_t k = static_cast<std::size_t>(c + i) % targets.size();
                HttpAnswer a = server.get(targets[k]);
                if (a.status != 200 || mask_timing(a.body) != expected[k]) ++wrong[static_cast<std::size_t>(c)];
            }
        });
    for (auto& t : clients) t.join();
    for (int w : wrong) CHECK(w == 0);
}
