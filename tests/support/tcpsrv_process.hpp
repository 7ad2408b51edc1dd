// tcpsrv_process.hpp — a xapian-tcpsrv (Debian xapian-tools) serving one database on a free port of
// 127.0.0.1, for the remote-shard tests.
#pragma once
#include <sys/types.h>

#include <string>

namespace veille::test {

/// `xapian-tcpsrv --port P --interface 127.0.0.1 DB`, started on construction and ready (accepting
/// connections) when the constructor returns; killed (SIGTERM, then SIGKILL) when destroyed.
/// Throws std::runtime_error when it does not accept connections within 10 s.
class TcpsrvProcess {
public:
    /// On `port`, or on a free one when 0 (a server started again where a killed one listened).
    explicit TcpsrvProcess(const std::string& db, int port = 0);
    ~TcpsrvProcess();
    TcpsrvProcess(const TcpsrvProcess&) = delete;
    TcpsrvProcess& operator=(const TcpsrvProcess&) = delete;

    [[nodiscard]] int port() const { return port_; }
    /// The stub file line naming this server: « remote 127.0.0.1:PORT ».
    [[nodiscard]] std::string stub_line() const;
    /// Stops the server now (SIGKILL): a shard that went down.
    void kill_now();
    /// Freezes the server (SIGSTOP): connections are still accepted by the kernel, never answered.
    void pause();

private:
    pid_t pid_ = -1;
    int port_ = 0;
};

/// The path of xapian-tcpsrv, or "" when it is not installed.
std::string tcpsrv_program();

}  // namespace veille::test
