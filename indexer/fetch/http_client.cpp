// http_client.cpp — libcurl's easy interface, configured for polite and bounded fetching: every
// libcurl error becomes one readable reason, and no limit depends on the server being honest.
#include "indexer/fetch/http_client.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <string_view>

#include <curl/curl.h>

#include "common/error.hpp"
#include "indexer/fetch/feed_list.hpp"

namespace veille {

namespace {

// An unreachable host fails this soon even when the whole-transfer timeout is longer.
constexpr double kMaxConnectSeconds = 10;

// curl_global_init is not thread-safe and must run once before any handle exists.
void init_curl_once() {
    static std::once_flag once;
    static CURLcode result = CURLE_OK;
    std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (result != CURLE_OK) throw Error(std::string("cannot initialise libcurl: ") + curl_easy_strerror(result));
}

struct SlistFree {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistFree>;

// Appends one request header; values come from an earlier answer, so CR and LF are cut (a stored
// validator must never inject a header).
void append_header(HeaderList& list, const std::string& name, const std::string& value) {
    if (value.empty()) return;
    std::string line = name + ": " + value.substr(0, value.find_first_of("\r\n"));
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (!grown) throw Error("out of memory building HTTP headers");
    (void)list.release();
    list.reset(grown);
}

// Where the body goes: the size cap is checked here on decoded bytes, so that a small gzip body
// inflating to gigabytes is stopped as surely as a large plain one (CURLOPT_MAXFILESIZE only sees a
// Content-Length, which chunked answers do not send).
struct BodySink {
    std::string* body;
    std::size_t max_bytes;
    bool over_cap = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<BodySink*>(user);
    const std::size_t n = size * count;
    if (sink->body->size() + n > sink->max_bytes) {
        sink->over_cap = true;
        return 0;  // anything but n aborts the transfer with CURLE_WRITE_ERROR
    }
    sink->body->append(data, n);
    return n;
}

std::string header_value(CURL* curl, const char* name) {
    curl_header* header = nullptr;
    // request -1: the last request of a redirect chain, the answer the body came from.
    if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK || !header || !header->value) return {};
    return header->value;
}

std::string seconds_text(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g s", seconds);
    return buf;
}

// The connection phase has a timeout of its own (kMaxConnectSeconds). Which phase expired is only
// in libcurl's message (« Resolving timed out… », « Connection timed out… », « Operation timed out… »):
// connection info is no help, a reused connection reports a connect time of 0.
std::string reason(CURLcode code, std::string_view detail, const BodySink& sink, const HttpLimits& limits,
                   const std::string& url) {
    const std::string connect_limit = seconds_text(std::min(limits.timeout_seconds, kMaxConnectSeconds));
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST: return "cannot resolve host '" + url_host(url) + "'";
        case CURLE_OPERATION_TIMEDOUT:
            if (detail.starts_with("Resolving timed out"))
                return "cannot resolve host '" + url_host(url) + "' within " + seconds_text(limits.timeout_seconds);
            if (detail.starts_with("Connection timed out"))
                return "cannot connect within " + connect_limit + " (connection timed out)";
            return "timed out after " + seconds_text(limits.timeout_seconds) + " (--fetch-timeout)";
        case CURLE_TOO_MANY_REDIRECTS:
            return "more than " + std::to_string(limits.max_redirects) + " redirects (a redirect loop?)";
        case CURLE_FILESIZE_EXCEEDED:
            return "body larger than " + std::to_string(limits.max_bytes) + " bytes (--fetch-max-size)";
        case CURLE_WRITE_ERROR:
            if (sink.over_cap) return "body larger than " + std::to_string(limits.max_bytes) + " bytes (--fetch-max-size)";
            break;
        default: break;
    }
    // libcurl's error buffer names the peer and the step (« Failed to connect to 127.0.0.1 port 1 after
    // 0 ms: Couldn't connect to server »); its generic text is only the fallback.
    return detail.empty() ? std::string(curl_easy_strerror(code)) : std::string(detail);
}

}  // namespace

struct HttpClient::Handle {
    struct Cleanup {
        void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
    };
    std::unique_ptr<CURL, Cleanup> curl;
};

HttpClient::HttpClient(HttpLimits limits, std::string user_agent)
    : limits_(limits), user_agent_(std::move(user_agent)), handle_(std::make_unique<Handle>()) {
    init_curl_once();
    handle_->curl.reset(curl_easy_init());
    if (!handle_->curl) throw Error("cannot create a libcurl handle");
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::get(const HttpRequest& request) {
    CURL* curl = handle_->curl.get();
    // reset() forgets the previous request's options but keeps the connection cache: a second
    // request to the same host reuses its connection.
    curl_easy_reset(curl);
    HttpResponse response;
    BodySink sink{&response.body, limits_.max_bytes};
    char detail[CURL_ERROR_SIZE] = "";
    HeaderList headers;
    append_header(headers, "If-None-Match", request.if_none_match);
    append_header(headers, "If-Modified-Since", request.if_modified_since);

    const auto total_ms = static_cast<long>(std::max(1.0, std::ceil(limits_.timeout_seconds * 1000)));
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // Only the web: a feed list or a redirect must not make veille read file:// or talk to other protocols.
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, limits_.max_redirects);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // "" = every encoding this libcurl decodes (gzip, deflate, br…)
    curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent_.c_str());
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, total_ms);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(total_ms, static_cast<long>(kMaxConnectSeconds * 1000)));
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits_.max_bytes));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
    if (headers) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

    const CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    // The handle outlives this call; it must not keep pointers to the buffers on this stack frame.
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, nullptr);
    if (code != CURLE_OK) {
        response.error = reason(code, detail, sink, limits_, request.url);
        response.body.clear();
        return response;
    }
    response.etag = header_value(curl, "ETag");
    response.last_modified = header_value(curl, "Last-Modified");
    const char* type = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) response.content_type = type;
    return response;
}

}  // namespace veille
