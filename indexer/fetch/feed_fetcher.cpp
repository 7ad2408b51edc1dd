// feed_fetcher.cpp — politeness and conditional GET. Requests are sequential, so « one request at a
// time per host » holds by construction; the delay is measured from the end of the previous request to
// that host, so a slow server is not asked again at once.
#include "indexer/fetch/feed_fetcher.hpp"

#include <cstdint>
#include <cstdio>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/text/fnv1a.hpp"
#include "indexer/fetch/feed_list.hpp"

namespace veille {

namespace {

constexpr std::string_view kKeyPrefix = "veille.feed:";
constexpr std::string_view kHashedKeyPrefix = "veille.feed#";
// Xapian limits metadata keys (glass: about 245 bytes); longer URLs are keyed by their hash.
constexpr std::size_t kMaxKeyBytes = 200;

std::string status_error(long status) {
    if (status >= 300 && status < 400) return "HTTP " + std::to_string(status) + " without a usable Location";
    return "HTTP " + std::to_string(status);
}

}  // namespace

std::string feed_state_key(std::string_view url) {
    if (kKeyPrefix.size() + url.size() <= kMaxKeyBytes) return std::string(kKeyPrefix) + std::string(url);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(Fnv1a(kStoredHashBasis).add(url).value()));
    return std::string(kHashedKeyPrefix) + hex;
}

std::string encode_feed_state(std::string_view url, const FeedState& state) {
    if (state.etag.empty() && state.last_modified.empty()) return {};
    const nlohmann::ordered_json j = {{"url", url}, {"etag", state.etag}, {"last_modified", state.last_modified}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

FeedState decode_feed_state(std::string_view value) {
    if (value.empty()) return {};
    const auto j = nlohmann::json::parse(value, nullptr, false);
    if (!j.is_object()) return {};
    FeedState state;
    if (const auto it = j.find("etag"); it != j.end() && it->is_string()) state.etag = it->get<std::string>();
    if (const auto it = j.find("last_modified"); it != j.end() && it->is_string())
        state.last_modified = it->get<std::string>();
    return state;
}

FeedFetcher::FeedFetcher(const FetchOptions& options)
    : delay_(options.delay_seconds), client_(options.limits, user_agent()) {}

std::string FeedFetcher::user_agent() { return std::string("veille/") + VEILLE_VERSION + " (veille-index; French tech-news search)"; }

std::chrono::steady_clock::time_point FeedFetcher::ready_at(const std::string& url) const {
    const auto last = last_request_.find(url_host(url));
    if (last == last_request_.end()) return {};
    return last->second + std::chrono::duration_cast<std::chrono::steady_clock::duration>(delay_);
}

HttpResponse FeedFetcher::paced_get(const HttpRequest& request) {
    std::this_thread::sleep_until(ready_at(request.url));
    HttpResponse response = client_.get(request);
    last_request_[url_host(request.url)] = std::chrono::steady_clock::now();
    return response;
}

FeedFetch FeedFetcher::fetch_feed(const std::string& url, const FeedState& known) {
    HttpResponse response = paced_get({url, known.etag, known.last_modified});
    FeedFetch fetch;
    fetch.status = response.status;
    if (!response.error.empty()) {
        fetch.error = std::move(response.error);
        return fetch;
    }
    if (response.status == 304) {
        fetch.state = known;
        return fetch;
    }
    if (response.status != 200) {
        fetch.error = status_error(response.status);
        return fetch;
    }
    fetch.changed = true;
    fetch.body = std::move(response.body);
    fetch.state = {std::move(response.etag), std::move(response.last_modified)};
    return fetch;
}

HttpResponse FeedFetcher::fetch_page(const std::string& url) {
    HttpResponse response = paced_get({url, {}, {}});
    if (response.error.empty() && response.status != 200) {
        response.error = status_error(response.status);
        response.body.clear();
    }
    return response;
}

}  // namespace veille
