// run_binary.cpp — fork/exec with pipes; poll() drains stdout and stderr together to avoid deadlock.
#include "tests/support/run_binary.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <random>
#include <stdexcept>

#include "tests/support/temp_dir.hpp"

extern char** environ;

namespace veille::test {

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::filesystem::path root = base && *base ? base : "/tmp";
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = root / ("veille-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        if (std::filesystem::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ec;
    // Tests may make files unreadable; give permissions back so removal succeeds.
    for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
    const auto full = path_ / name;
    std::filesystem::create_directories(full.parent_path());
    FILE* f = std::fopen(full.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + full.string());
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
    return full.string();
}

RunResult run_binary(const std::string& program, const std::vector<std::string>& args,
                     const std::string& input, const std::vector<std::string>& env) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe(in_pipe) || ::pipe(out_pipe) || ::pipe(err_pipe)) throw std::runtime_error("pipe failed");
    const ExecArgs argv(program, args);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
        for (const auto& kv : env) ::putenv(const_cast<char*>(kv.c_str()));
        ::execv(program.c_str(), argv.get());
        std::_Exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    ::signal(SIGPIPE, SIG_IGN);
    RunResult result;
    std::size_t written = 0;
    int in_fd = in_pipe[1];
    if (input.empty()) { ::close(in_fd); in_fd = -1; }
    else ::fcntl(in_fd, F_SETFL, O_NONBLOCK);
    bool out_open = true, err_open = true;
    char buf[65536];
    while (out_open || err_open) {
        pollfd fds[3];
        int n = 0;
        if (out_open) fds[n++] = {out_pipe[0], POLLIN, 0};
        if (err_open) fds[n++] = {err_pipe[0], POLLIN, 0};
        if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
        if (::poll(fds, n, -1) < 0) continue;
        for (int i = 0; i < n; ++i) {
            if (!fds[i].revents) continue;
            if (fds[i].fd == in_fd) {
                const ssize_t w = ::write(in_fd, input.data() + written, input.size() - written);
                if (w > 0) written += static_cast<std::size_t>(w);
                if (w < 0 && errno != EAGAIN) written = input.size();
                if (written >= input.size()) { ::close(in_fd); in_fd = -1; }
                continue;
            }
            const ssize_t r = ::read(fds[i].fd, buf, sizeof buf);
            std::string& sink = fds[i].fd == out_pipe[0] ? result.out : result.err;
            if (r > 0) sink.append(buf, static_cast<std::size_t>(r));
            else (fds[i].fd == out_pipe[0] ? out_open : err_open) = false;
        }
    }
    if (in_fd >= 0) ::close(in_fd);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

RunResult run_index(const std::vector<std::string>& args, const std::string& input) {
    return run_binary(VEILLE_INDEX_BIN, args, input);
}

RunResult run_search(const std::vector<std::string>& args, const std::string& input) {
    return run_binary(VEILLE_SEARCH_BIN, args, input);
}

std::string test_data(const std::string& name) { return std::string(VEILLE_TEST_DATA) + "/" + name; }
std::string source_file(const std::string& relative) { return std::string(VEILLE_SOURCE_DIR) + "/" + relative; }

}  // namespace veille::test
