// api.cpp — URL parameters → SearchRequest, and the API's JSON bodies. The search body is written by
// the command line's own JSON printer, so /api/search and `veille-search --json` cannot drift apart.
#include "searcher/serve/api.hpp"

#include <charconv>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/database.hpp"
#include "common/schema.hpp"
#include "searcher/output/printers.hpp"

namespace veille {

namespace {

constexpr std::string_view kKnownParams[] = {"q", "filter", "sort", "n", "offset", "facet_limit", "strict", "collapse"};

bool known(const std::string& key) {
    for (const auto k : kKnownParams)
        if (key == k) return true;
    return false;
}

std::string known_list() {
    std::string out;
    for (const auto k : kKnownParams) out += (out.empty() ? "" : ", ") + std::string(k);
    return out;
}

/// The single value of `key`, or nullptr; a repeated single-valued parameter is ambiguous (400).
const std::string* single(const QueryParams& params, const char* key) {
    const auto [first, last] = params.equal_range(key);
    if (first == last) return nullptr;
    if (std::next(first) != last) throw ApiError(400, std::string(key) + " : paramètre donné plusieurs fois");
    return &first->second;
}

std::size_t bounded_integer(const QueryParams& params, const char* key, std::size_t fallback, std::size_t max) {
    const std::string* text = single(params, key);
    if (!text) return fallback;
    std::size_t value = 0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (text->empty() || ec != std::errc() || ptr != end || value > max)
        throw ApiError(400, std::string(key) + " : « " + *text + " » n'est pas un entier entre 0 et " +
                                std::to_string(max));
    return value;
}

/// A 1/0/true/false parameter; `fallback` when absent.
bool boolean(const QueryParams& params, const char* key, bool fallback) {
    const std::string* text = single(params, key);
    if (!text) return fallback;
    if (*text == "1" || *text == "true") return true;
    if (*text == "0" || *text == "false") return false;
    throw ApiError(400, std::string(key) + " : « " + *text + " » inconnu (valides : 1, 0, true, false)");
}

std::string rfc3339_utc(std::filesystem::file_time_type t) {
    const auto system = std::chrono::file_clock::to_sys(t);
    const std::time_t secs = std::chrono::system_clock::to_time_t(
        std::chrono::time_point_cast<std::chrono::system_clock::duration>(system));
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/// When the database last changed: Xapian's glass backend rewrites its version file on every
/// commit, so its modification time is the commit time (the directory's, for other backends).
std::string last_commit_time(const std::string& path) {
    std::error_code ec;
    auto t = std::filesystem::last_write_time(std::filesystem::path(path) / "iamglass", ec);
    if (ec) t = std::filesystem::last_write_time(path, ec);
    return ec ? std::string() : rfc3339_utc(t);
}

std::string line(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

}  // namespace

SearchRequest search_request(const QueryParams& params, const ApiLimits& limits, const SearchRequest& defaults) {
    // Sizes first: a huge request is refused before any of it is read further.
    if (params.size() > limits.max_params)
        throw ApiError(413, "requête trop grande : " + std::to_string(params.size()) + " paramètres (au plus " +
                                std::to_string(limits.max_params) + ")");
    for (const auto& [key, value] : params)
        if (!known(key)) throw ApiError(400, "paramètre inconnu « " + key + " » (valides : " + known_list() + ")");
    SearchRequest request = defaults;
    if (const std::string* q = single(params, "q")) {
        if (q->size() > limits.max_query_bytes)
            throw ApiError(413, "requête trop grande : q fait " + std::to_string(q->size()) + " octets (au plus " +
                                    std::to_string(limits.max_query_bytes) + ")");
        request.query = *q;
    }
    const auto [first, last] = params.equal_range("filter");
    for (auto it = first; it != last; ++it) {
        if (request.filters.size() == limits.max_filters)
            throw ApiError(413, "requête trop grande : plus de " + std::to_string(limits.max_filters) + " filtres");
        if (it->second.find(':') == std::string::npos)
            throw ApiError(400, "filter : « " + it->second + " » n'a pas la forme CHAMP:VALEUR "
                                "(company, topic, source, date)");
        request.filters.push_back(it->second);
    }
    if (const std::string* sort = single(params, "sort")) {
        if (*sort == "relevance") request.sort = SortOrder::Relevance;
        else if (*sort == "date" || *sort == "newest") request.sort = SortOrder::Newest;
        else if (*sort == "oldest") request.sort = SortOrder::Oldest;
        else throw ApiError(400, "sort : « " + *sort + " » inconnu (valides : relevance, date, newest, oldest)");
    }
    request.limit = bounded_integer(params, "n", request.limit, limits.max_limit);
    request.offset = bounded_integer(params, "offset", request.offset, limits.max_offset);
    request.facet_limit = bounded_integer(params, "facet_limit", request.facet_limit, 100);
    request.strict = boolean(params, "strict", request.strict);
    request.collapse = boolean(params, "collapse", request.collapse);
    return request;
}

std::string search_json(const SearchResult& result) {
    std::ostringstream out;
    make_json_printer()->print(result, out);
    return out.str();
}

std::string article_json(const Article& article) {
    std::ostringstream out;
    make_json_printer()->print_article(article, out);
    return out.str();
}

std::string health_json(const std::vector<std::string>& paths) {
    const ShardedDatabase db = open_shards(paths);
    nlohmann::ordered_json j;
    j["database"] = describe_paths(paths);
    j["articles"] = db.all.get_doccount();
    const std::vector<Xapian::rev> revisions = db.revisions();
    // One revision per database: a single one keeps its number; shards are listed one by one.
    j["revision"] = revisions.size() == 1 ? nlohmann::ordered_json(revisions[0]) : nlohmann::ordered_json(nullptr);
    std::string when;
    for (const auto& name : db.names) when = std::max(when, last_commit_time(name));
    j["last_commit"] = when.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(when);
    const std::string version = db.shards.front().get_metadata(std::string(kSchemaKey));
    j["schema_version"] = version.empty() ? 0 : std::stoi(version);
    if (db.shards.size() > 1) {
        nlohmann::ordered_json shards = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < db.shards.size(); ++i)
            shards.push_back({{"name", db.names[i]}, {"articles", db.shards[i].get_doccount()}, {"revision", revisions[i]}});
        j["shards"] = shards;
    }
    return line(j);
}

std::string error_json(std::string_view message) {
    nlohmann::ordered_json j;
    j["error"] = std::string(message);
    return line(j);
}

}  // namespace veille
