// http_client.hpp — HttpClient: one libcurl easy handle, GET with limits (timeouts, size cap, redirects).
#pragma once
#include <cstddef>
#include <memory>
#include <string>

namespace veille {

/// Bounds of every transfer.
struct HttpLimits {
    double timeout_seconds = 30;         ///< whole transfer, connection included
    std::size_t max_bytes = 10u << 20;   ///< decoded body; a larger one is aborted
    long max_redirects = 5;              ///< followed Location hops (http and https only)
};

/// A GET, with the validators of a conditional request (RFC 9110 §13) when known.
struct HttpRequest {
    std::string url;
    std::string if_none_match;      ///< the ETag of the last 200, sent as If-None-Match
    std::string if_modified_since;  ///< its Last-Modified, sent as If-Modified-Since
};

/// What came back. `error` empty = an HTTP answer was received (any status, 304 and 500 included).
struct HttpResponse {
    long status = 0;             ///< final HTTP status, 0 when none was received
    std::string body;            ///< decoded (gzip/deflate undone)
    std::string etag;            ///< ETag header of the final answer, "" if none
    std::string last_modified;   ///< Last-Modified header of the final answer, "" if none
    std::string content_type;    ///< « application/rss+xml; charset=utf-8 », "" if none
    std::string error;           ///< « cannot resolve host 'flux.invalid' », « timed out after 1 s », …
};

/// An RAII libcurl handle (connections to a host are reused between requests). Not thread-safe:
/// one HttpClient per thread. Sends `user_agent` and Accept-Encoding for every encoding libcurl
/// decodes. Throws Error only when libcurl cannot be initialised.
class HttpClient {
public:
    HttpClient(HttpLimits limits, std::string user_agent);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// Performs the GET. Transport failures (DNS, connection, timeout, size cap, redirect loop, TLS)
    /// are reported in HttpResponse::error, never thrown.
    HttpResponse get(const HttpRequest& request);

private:
    struct Handle;
    HttpLimits limits_;
    std::string user_agent_;
    std::unique_ptr<Handle> handle_;
};

}  // namespace veille
