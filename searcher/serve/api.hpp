// api.hpp — the JSON API's contract: URL parameters → the SearchRequest the command line builds, and
// the bodies of /api/search, /api/articles/{id}, /api/health and of every error.
#pragma once
#include <map>
#include <string>
#include <vector>
#include <string_view>

#include "common/article.hpp"
#include "common/error.hpp"
#include "searcher/request.hpp"

namespace veille {

/// Decoded URL parameters, repeated keys kept (the shape of httplib::Params).
using QueryParams = std::multimap<std::string, std::string>;

/// A request the API refuses, with its HTTP status (400, 404, 413, 503). The message is French, one
/// line, and names the parameter and its valid values.
class ApiError : public Error {
public:
    ApiError(int status, const std::string& what) : Error(what), status_(status) {}
    [[nodiscard]] int status() const { return status_; }

private:
    int status_;
};

/// Bounds on one request: they keep the work of a single request small (see api.cpp).
struct ApiLimits {
    std::size_t max_params = 64;          ///< parameters in the query string (more: 413)
    std::size_t max_query_bytes = 1024;   ///< length of q (more: 413)
    std::size_t max_filters = 32;         ///< filter parameters (more: 413)
    std::size_t max_limit = 100;          ///< n (more: 400)
    std::size_t max_offset = 10000;       ///< offset (more: 400)
};

/// The SearchRequest for `q`, `filter` (repeatable), `sort` (relevance|date|newest|oldest), `n`,
/// `offset`, `facet_limit` and `strict`, starting from `defaults` — what serve's own command line set
/// (--today, --no-date-words, --recency, --sort…), so that the API answers as `veille-search --json`
/// with the same options. Throws ApiError: 400 for an unknown or repeated parameter or a bad value
/// (« n: « abc » n'est pas un entier entre 0 et 100 »), 413 beyond ApiLimits.
SearchRequest search_request(const QueryParams& params, const ApiLimits& limits = {},
                             const SearchRequest& defaults = {});

/// The object `veille-search --json` prints for this result, newline included.
std::string search_json(const SearchResult& result);
/// The article as the interactive `:open N` prints it in JSON (id, title, date, date_origin, source,
/// url, companies, topics, body), newline included.
std::string article_json(const Article& article);
/// {"database", "articles", "revision", "last_commit", "schema_version"} for the databases at `paths`
/// (last_commit: RFC 3339 UTC time of the last commit; with several shards, revision is null and
/// "shards": [{"name", "articles", "revision"}] follows). Throws DatabaseError when one cannot be opened.
std::string health_json(const std::vector<std::string>& paths);
/// {"error": message}, newline included.
std::string error_json(std::string_view message);

}  // namespace veille
