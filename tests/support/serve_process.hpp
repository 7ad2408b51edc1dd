// serve_process.hpp — the real `veille-search serve` in the background on a free port, and plain HTTP
// requests to it (a raw socket: paths and request lines are sent exactly as written).
#pragma once
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace veille::test {

/// An HTTP answer: status, headers (names lower-cased) and body.
struct HttpAnswer {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
};

/// `veille-search --db DB serve --listen 127.0.0.1:0 [extra…]`, stopped (SIGTERM, then SIGKILL after 10 s)
/// when destroyed. Throws std::runtime_error when no URL comes within 30 s (its stderr in the message).
class ServeProcess {
public:
    explicit ServeProcess(const std::string& db, const std::vector<std::string>& extra = {});
    ~ServeProcess();
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    /// « http://127.0.0.1:PORT/ », as the server printed it.
    [[nodiscard]] const std::string& url() const { return url_; }
    [[nodiscard]] int port() const { return port_; }
    /// GET `target` (path and query, sent as is) on a new connection.
    [[nodiscard]] HttpAnswer get(const std::string& target) const;
    /// Sends `raw` bytes as the whole request and reads the answer (connection closed by us after sending).
    [[nodiscard]] HttpAnswer send(const std::string& raw) const;
    /// What the server wrote on stderr so far.
    [[nodiscard]] std::string errors() const;
    /// SIGTERM and wait; returns the exit code (128+signal when killed).
    int stop();

private:
    TempDir dir_;
    pid_t pid_ = -1;
    std::string url_;
    int port_ = 0;
};

}  // namespace veille::test
