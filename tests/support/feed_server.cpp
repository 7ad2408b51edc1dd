// feed_server.cpp — cpp-httplib's server on a thread of the test; the requests are recorded under a
// mutex because httplib runs handlers on its own thread pool.
#include "tests/support/feed_server.hpp"

#include <stdexcept>

#include <zlib.h>

namespace veille::test {

FeedServer::FeedServer() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("feed server: cannot bind a port on 127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() does nothing until the server runs: a test over before that would never join the thread.
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

FeedServer::~FeedServer() {
    stopping_ = true;
    server_.stop();
    if (thread_.joinable()) thread_.join();
}

void FeedServer::on(const std::string& path, httplib::Server::Handler handler) {
    server_.Get(path, [this, path, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        const int now = ++in_flight_;
        for (int seen = max_in_flight_; now > seen && !max_in_flight_.compare_exchange_weak(seen, now);) {
        }
        {
            const std::lock_guard lock(mutex_);
            seen_.push_back({req.path, req.headers, std::chrono::steady_clock::now()});
        }
        handler(req, res);
        --in_flight_;
    });
}

std::string FeedServer::url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

std::vector<SeenRequest> FeedServer::requests(const std::string& path) const {
    const std::lock_guard lock(mutex_);
    std::vector<SeenRequest> out;
    for (const auto& r : seen_)
        if (r.path == path) out.push_back(r);
    return out;
}

std::vector<SeenRequest> FeedServer::all_requests() const {
    const std::lock_guard lock(mutex_);
    return seen_;
}

void FeedServer::stall(std::chrono::milliseconds duration) const {
    const auto until = std::chrono::steady_clock::now() + duration;
    while (!stopping_ && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

std::string gzip(const std::string& text) {
    z_stream z{};
    // windowBits 15 + 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("gzip: deflateInit2 failed");
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
    return out;
}

}  // namespace veille::test
