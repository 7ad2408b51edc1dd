// http_server.hpp — `veille-search serve`: the HTTP server behind the JSON API and the search page.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "common/database.hpp"
#include "searcher/match/ranking.hpp"
#include "searcher/request.hpp"

namespace veille {

/// How `serve` runs.
struct ServeOptions {
    std::vector<std::string> db;            ///< --db, repeatable: searched as one database
    ShardOptions shards;                    ///< --timeout, --allow-partial
    std::string listen = "127.0.0.1:8080";  ///< HOST:PORT; port 0 picks a free port
    std::size_t threads = 64;               ///< connections served at once; Engines: one per core
    RankingParams ranking;
    SearchRequest request;                  ///< what every request starts from (--today, --recency…)
};

/// A listen address.
struct ListenAddress {
    std::string host;
    int port = 0;
};

/// « 127.0.0.1:8080 », « [::1]:8080 », « 0.0.0.0:0 » → host and port. Throws UsageError naming the value.
ListenAddress parse_listen(const std::string& text);

/// The server: routes, security headers and limits (http_server.cpp says which and why).
class HttpServer {
public:
    explicit HttpServer(const ServeOptions& options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds the listen address; returns the port bound. Throws Error when it cannot.
    int bind();
    /// Serves until stop() (from another thread or a signal handler thread). Throws Error on failure.
    void run();
    /// Makes run() return; the requests under way finish first.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace veille
