// serve_api_test.cpp — the server's pure parts: escaping, which URLs are linked, URL parameters →
// SearchRequest with its errors and statuses (issue 17).
#include <catch2/catch.hpp>

#include "searcher/serve/api.hpp"
#include "searcher/serve/html_text.hpp"

using veille::ApiError;
using veille::QueryParams;
using veille::search_request;

TEST_CASE("escape_html leaves no markup in article text", "[searcher][serve]") {
    CHECK(veille::escape_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(veille::escape_html("« l’IA » & \"Mistral\" 'AI'") == "« l’IA » &amp; &quot;Mistral&quot; &#39;AI&#39;");
    CHECK(veille::escape_html("") == "");
}

TEST_CASE("is_web_url links http(s) only", "[searcher][serve]") {
    struct Row {
        const char* url;
        bool linked;
    };
    for (const Row& r : {Row{"https://exemple.fr/a", true}, Row{"HTTP://EXEMPLE.FR", true},
                         Row{"javascript:alert(1)", false}, Row{"JavaScript:alert(1)", false},
                         Row{" javascript:alert(1)", false}, Row{"\thttps://x", false},  // browsers skip the blank
                         Row{"data:text/html,<script>", false}, Row{"//exemple.fr", false},
                         Row{"/relatif", false}, Row{"https://", false}, Row{"", false}}) {
        INFO(r.url);
        CHECK(veille::is_web_url(r.url) == r.linked);
    }
}

TEST_CASE("query_string encodes every reserved byte", "[searcher][serve]") {
    CHECK(veille::query_string({}) == "");
    CHECK(veille::query_string({{"q", "l’IA & co"}, {"filter", "company:\"Mistral AI\""}}) ==
          "?q=l%E2%80%99IA%20%26%20co&filter=company%3A%22Mistral%20AI%22");
}

TEST_CASE("URL parameters become the CLI's SearchRequest", "[searcher][serve]") {
    const auto r = search_request({{"q", "mistral"}, {"filter", "company:openai"}, {"filter", "date:2025"},
                                   {"sort", "date"}, {"n", "5"}, {"offset", "10"}, {"facet_limit", "3"},
                                   {"collapse", "0"}});
    CHECK(r.query == "mistral");
    CHECK(r.filters == std::vector<std::string>{"company:openai", "date:2025"});
    CHECK(r.sort == veille::SortOrder::Newest);
    CHECK(r.limit == 5);
    CHECK(r.offset == 10);
    CHECK(r.facet_limit == 3);
    CHECK_FALSE(r.collapse);
    const auto d = search_request({});
    const veille::SearchRequest cli;  // the command line's defaults
    CHECK((d.limit == cli.limit && d.offset == cli.offset && d.facet_limit == cli.facet_limit && !d.strict &&
           d.collapse && d.sort == veille::SortOrder::Relevance && d.facets && d.snippets));
}

TEST_CASE("bad URL parameters are 400, oversized ones 413", "[searcher][serve]") {
    struct Row {
        QueryParams params;
        int status;
        const char* names;  // the message names the parameter
    };
    const std::vector<Row> rows = {
        {{{"n", "abc"}}, 400, "n"},
        {{{"n", "101"}}, 400, "n"},
        {{{"n", "-1"}}, 400, "n"},
        {{{"offset", "1e3"}}, 400, "offset"},
        {{{"offset", "10001"}}, 400, "offset"},
        {{{"sort", "hasard"}}, 400, "sort"},
        {{{"strict", "oui"}}, 400, "strict"},
        {{{"collapse", "non"}}, 400, "collapse"},
        {{{"limit", "3"}}, 400, "limit"},
        {{{"q", "a"}, {"q", "b"}}, 400, "q"},
        {{{"filter", "openai"}}, 400, "filter"},
        {{{"q", std::string(1025, 'a')}}, 413, "q"},
    };
    for (const Row& r : rows) {
        INFO(r.names);
        try {
            search_request(r.params);
            FAIL("accepted");
        } catch (const ApiError& e) {
            CHECK(e.status() == r.status);
            CHECK_THAT(e.what(), Catch::Contains(r.names));
        }
    }
    QueryParams many;
    for (int i = 0; i < 65; ++i) many.emplace("filter", "company:x" + std::to_string(i));
    CHECK_THROWS_MATCHES(search_request(many), ApiError, Catch::Predicate<ApiError>([](const ApiError& e) {
                             return e.status() == 413;
                         }));
}
