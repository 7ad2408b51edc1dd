// feed_server.hpp — an HTTP server inside the test process on 127.0.0.1 (a free port), serving the
// feeds and pages that veille-index --feeds fetches, and recording the requests it gets.
#pragma once
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace veille::test {

/// One request as the server saw it.
struct SeenRequest {
    std::string path;
    httplib::Headers headers;
    std::chrono::steady_clock::time_point at;
};

/// Started by the constructor, stopped by the destructor. Handlers run on the server's threads.
class FeedServer {
public:
    FeedServer();
    ~FeedServer();
    FeedServer(const FeedServer&) = delete;
    FeedServer& operator=(const FeedServer&) = delete;

    /// Serves GET `path` with `handler` (every request to it is recorded first).
    void on(const std::string& path, httplib::Server::Handler handler);
    /// « http://127.0.0.1:PORT/path ».
    [[nodiscard]] std::string url(const std::string& path) const;
    /// The requests received for `path` so far, oldest first.
    [[nodiscard]] std::vector<SeenRequest> requests(const std::string& path) const;
    /// Every request received so far, oldest first.
    [[nodiscard]] std::vector<SeenRequest> all_requests() const;
    /// The most requests that were being handled at the same moment.
    [[nodiscard]] int max_in_flight() const { return max_in_flight_; }
    /// Sleeps `duration`, returning early when the server is stopping (slow-server handlers).
    void stall(std::chrono::milliseconds duration) const;

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<SeenRequest> seen_;
    std::atomic<int> in_flight_{0};
    std::atomic<int> max_in_flight_{0};
    std::atomic<bool> stopping_{false};
};

/// `text` compressed as a gzip stream (RFC 1952), for Content-Encoding: gzip answers.
std::string gzip(const std::string& text);

}  // namespace veille::test
