// serve_process.cpp — starting `serve`, reading the URL it prints, and speaking HTTP/1.1 to it.
#include "tests/support/serve_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/run_binary.hpp"

namespace veille::test {

namespace {

using Clock = std::chrono::steady_clock;

/// Reads one line from `fd` within `seconds`; "" on timeout or end of file.
std::string read_line(int fd, double seconds) {
    std::string line;
    const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
    while (Clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        char c = 0;
        if (::read(fd, &c, 1) != 1) return {};
        if (c == '\n') return line;
        line += c;
    }
    return {};
}

HttpAnswer parse_answer(const std::string& raw) {
    HttpAnswer a;
    const auto head_end = raw.find("\r\n\r\n");
    if (raw.compare(0, 9, "HTTP/1.1 ") != 0 || head_end == std::string::npos) return a;
    a.status = std::stoi(raw.substr(9, 3));
    std::istringstream head(raw.substr(0, head_end));
    std::string line;
    std::getline(head, line);
    while (std::getline(head, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        a.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
    }
    a.body = raw.substr(head_end + 4);
    return a;
}

}  // namespace

ServeProcess::ServeProcess(const std::string& db, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"--db", db, "serve", "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    const ExecArgs argv(VEILLE_SEARCH_BIN, args);
    const std::string err_path = dir_ / ".stderr";
    int out[2];
    if (::pipe(out)) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(out[1], 1);
        ::dup2(err, 2);
        ::close(out[0]);
        ::close(out[1]);
        ::execv(VEILLE_SEARCH_BIN, argv.get());
        ::_exit(127);
    }
    ::close(out[1]);
    url_ = read_line(out[0], 30);
    ::close(out[0]);  // the server writes one line only; later writes would get EPIPE, never block
    const auto colon = url_.rfind(':');
    if (url_.rfind("http://", 0) != 0 || colon == std::string::npos) {
        const std::string why = errors();
        stop();
        throw std::runtime_error("veille-search serve printed no URL; stderr: " + why);
    }
    port_ = std::stoi(url_.substr(colon + 1));
}

ServeProcess::~ServeProcess() { stop(); }

int ServeProcess::stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
        if (Clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string ServeProcess::errors() const {
    std::ifstream in(dir_ / ".stderr", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

HttpAnswer ServeProcess::get(const std::string& target) const {
    return send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

HttpAnswer ServeProcess::send(const std::string& raw) const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect to " + url_);
    }
    // Write what the server takes; it may answer (413, 414) and close before reading it all.
    std::size_t sent = 0;
    while (sent < raw.size()) {
        const ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    std::string answer;
    char buf[65536];
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0) continue;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        answer.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return parse_answer(answer);
}

}  // namespace veille::test
