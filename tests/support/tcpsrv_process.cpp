// tcpsrv_process.cpp — a free port is found by binding port 0 and closing it (xapian-tcpsrv refuses
// port 0), then the server is polled with connect() until it listens. Stopped by signalling its
// process group, which holds its connection handlers too.
#include "tests/support/tcpsrv_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "tests/support/run_binary.hpp"

namespace veille::test {

namespace {

sockaddr_in loopback(int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
        throw std::runtime_error("no free port");
    ::close(fd);
    return ntohs(a.sin_port);
}

bool accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in a = loopback(port);
    const bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
    if (fd >= 0) ::close(fd);
    return ok;
}

}  // namespace

std::string tcpsrv_program() {
    for (const char* p : {"/usr/bin/xapian-tcpsrv", "/usr/local/bin/xapian-tcpsrv"})
        if (std::filesystem::exists(p)) return p;
    return {};
}

TcpsrvProcess::TcpsrvProcess(const std::string& db, int port) {
    const std::string program = tcpsrv_program();
    if (program.empty()) throw std::runtime_error("xapian-tcpsrv is not installed (scripts/setup: xapian-tools)");
    port_ = port > 0 ? port : free_port();
    const ExecArgs args(program, {"--quiet", "--port", std::to_string(port_), "--interface", "127.0.0.1", db});
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        // Its own process group: stopped, xapian-tcpsrv signals its whole group (its forked
        // connection handlers), which would otherwise be the test and whoever started it.
        ::setpgid(0, 0);
        // Quiet: it reports every probe connection closed without a handshake.
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            ::dup2(null, STDOUT_FILENO);
            ::dup2(null, STDERR_FILENO);
        }
        ::execv(program.c_str(), args.get());
        ::_exit(127);
    }
    ::setpgid(pid_, pid_);  // in the parent too: whichever runs first, the group exists before a kill
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts(port_)) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("xapian-tcpsrv exited before listening on port " + std::to_string(port_));
        }
        if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("xapian-tcpsrv did not listen");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

TcpsrvProcess::~TcpsrvProcess() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGCONT);  // after pause()
    ::kill(-pid_, SIGTERM);
    for (int i = 0; i < 200; ++i) {
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
}

std::string TcpsrvProcess::stub_line() const { return "remote 127.0.0.1:" + std::to_string(port_); }

void TcpsrvProcess::pause() {
    if (pid_ > 0) ::kill(-pid_, SIGSTOP);
}

void TcpsrvProcess::kill_now() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

}  // namespace veille::test
