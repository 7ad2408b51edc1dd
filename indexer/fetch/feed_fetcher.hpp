// feed_fetcher.hpp — FeedFetcher: polite fetching (one request at a time, a delay per host, conditional
// GET) and the per-feed state (ETag, Last-Modified) as it is stored in the database.
#pragma once
#include <chrono>
#include <map>
#include <string>
#include <string_view>

#include "indexer/fetch/http_client.hpp"

namespace veille {

/// How feeds and pages are fetched (veille-index --fetch-timeout, --fetch-max-size, --fetch-delay).
struct FetchOptions {
    HttpLimits limits;
    double delay_seconds = 1;  ///< pause between the end of a request and the next one to the same host
};

/// The validators of a feed's last successful fetch, sent back on the next one.
struct FeedState {
    std::string etag;           ///< « "v42" », as the server sent it
    std::string last_modified;  ///< « Mon, 07 Dec 2026 06:00:00 GMT »
    bool operator==(const FeedState&) const = default;
};

/// Database metadata key of `url`'s state: « veille.feed:https://exemple.fr/rss », or
/// « veille.feed#<hash> » for URLs too long to be a Xapian metadata key.
std::string feed_state_key(std::string_view url);
/// The metadata value holding `state` (JSON: url, etag, last_modified); "" for an empty state, which
/// deletes the entry.
std::string encode_feed_state(std::string_view url, const FeedState& state);
/// Inverse of encode_feed_state; an empty or damaged value is an empty state (the feed is then
/// fetched unconditionally, which is always safe).
FeedState decode_feed_state(std::string_view value);

/// The result of one feed request.
struct FeedFetch {
    long status = 0;       ///< HTTP status, 0 when no answer came
    bool changed = false;  ///< true: a 200 whose body is to be read
    std::string body;
    FeedState state;       ///< the answer's validators (to store once the items are written)
    std::string error;     ///< "" on success (200 or 304), else the reason (« HTTP 500 », « timed out… »)
};

/// Fetches feeds and pages one request at a time, waiting `delay_seconds` between two requests to
/// the same host; sends « veille/VERSION » as User-Agent.
class FeedFetcher {
public:
    explicit FeedFetcher(const FetchOptions& options);

    /// Conditional GET of a feed: a 304 is a success with changed == false; any status other than
    /// 200 and 304 is an error.
    FeedFetch fetch_feed(const std::string& url, const FeedState& known);
    /// GET of an article page; a status other than 200 is turned into HttpResponse::error.
    HttpResponse fetch_page(const std::string& url);

    /// When a request to `url`'s host may start: --fetch-delay after the end of the last one to it
    /// (a time already past when the host was not asked recently).
    [[nodiscard]] std::chrono::steady_clock::time_point ready_at(const std::string& url) const;

    /// The User-Agent sent: « veille/0.1.0 (veille-index; French tech-news search) ».
    static std::string user_agent();

private:
    HttpResponse paced_get(const HttpRequest& request);

    std::chrono::duration<double> delay_;
    HttpClient client_;
    std::map<std::string, std::chrono::steady_clock::time_point> last_request_;  ///< by host
};

}  // namespace veille
