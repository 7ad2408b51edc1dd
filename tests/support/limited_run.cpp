// limited_run.cpp — fork/exec with rlimits, setuid and a polling wait4 (for the timeout and the RSS).
#include "tests/support/limited_run.hpp"

#include "tests/support/run_binary.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace veille::test {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Outcome run_limited(const std::string& program, const std::vector<std::string>& args, const TempDir& dir,
                    const Limits& limits, const std::string& input) {
    static int counter = 0;
    const std::string base = dir / (".run-" + std::to_string(++counter));
    const std::string in_path = dir.write(".run-" + std::to_string(counter) + ".in", input);
    const int in = ::open(in_path.c_str(), O_RDONLY | O_CLOEXEC);
    const int out = ::open((base + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int err = ::open((base + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(in >= 0);
    REQUIRE(out >= 0);
    REQUIRE(err >= 0);
    const ExecArgs argv(program, args);
    const bool drop = limits.unprivileged && ::geteuid() == 0;

    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        if (limits.file_size != RLIM_INFINITY) {
            ::signal(SIGXFSZ, SIG_IGN);  // inherited through exec: writes past the limit fail with EFBIG
            const rlimit r{limits.file_size, limits.file_size};
            if (::setrlimit(RLIMIT_FSIZE, &r) != 0) std::_Exit(125);
        }
        if (drop && (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0))
            std::_Exit(126);
        ::execv(program.c_str(), argv.get());
        std::_Exit(127);
    }
    ::close(in);
    ::close(out);
    ::close(err);
    Outcome o;
    int status = 0;
    rusage usage{};
    for (;;) {
        const pid_t r = ::wait4(pid, &status, WNOHANG, &usage);
        if (r == pid) break;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (elapsed > limits.timeout_seconds) {
            ::kill(pid, SIGKILL);
            ::wait4(pid, &status, 0, &usage);
            o.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    o.max_rss_kb = usage.ru_maxrss;
    o.out = slurp(base + ".out");
    o.err = slurp(base + ".err");
    return o;
}

Outcome index_limited(const std::vector<std::string>& args, const TempDir& dir, const Limits& limits) {
    return run_limited(VEILLE_INDEX_BIN, args, dir, limits);
}

Outcome search_limited(const std::vector<std::string>& args, const TempDir& dir, const Limits& limits,
                       const std::string& input) {
    return run_limited(VEILLE_SEARCH_BIN, args, dir, limits, input);
}

bool can_run_unprivileged() {
    if (::geteuid() != 0) return true;
    const pid_t pid = ::fork();
    if (pid == 0)
        std::_Exit(::setgroups(0, nullptr) == 0 && ::setgid(kNobody) == 0 && ::setuid(kNobody) == 0 ? 0 : 1);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

}  // namespace veille::test
