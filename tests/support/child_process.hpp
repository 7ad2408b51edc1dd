// child_process.hpp — a real binary running in the background (Child): outputs to files, stdin a pipe
// the test holds, SIGKILL at the moment the test chooses (crash-safety tests).
#pragma once
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/run_binary.hpp"

namespace veille::test {

// A binary running in the background: stdout and stderr go to files, stdin is a pipe we hold
// (so a `-` input keeps the writer busy, and its lock held, for as long as we like).
class Child {
public:
    Child(const std::string& program, const std::vector<std::string>& args, const std::string& out_path,
          const std::string& err_path) {
        int in[2];
        REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        REQUIRE(out >= 0);
        REQUIRE(err >= 0);
        const ExecArgs argv(program, args);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(in[0], 0);
            ::dup2(out, 1);
            ::dup2(err, 2);
            ::execv(program.c_str(), argv.get());
            std::_Exit(127);
        }
        ::close(in[0]);
        ::close(out);
        ::close(err);
        stdin_ = in[1];
        ::signal(SIGPIPE, SIG_IGN);
    }
    ~Child() {
        close_stdin();
        if (!status_) {
            ::kill(pid_, SIGKILL);
            wait();
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    void write_stdin(const std::string& data) {
        for (std::size_t done = 0; done < data.size();) {
            const ssize_t n = ::write(stdin_, data.data() + done, data.size() - done);
            REQUIRE(n > 0);
            done += static_cast<std::size_t>(n);
        }
    }
    void close_stdin() {
        if (stdin_ >= 0) ::close(stdin_);
        stdin_ = -1;
    }
    /// True while the process has not exited.
    bool running() {
        if (status_) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) status_ = decode(status);
        return !status_;
    }
    void kill_hard() { ::kill(pid_, SIGKILL); }
    /// Waits for the exit; returns the exit status (128+signal when killed).
    int wait() {
        if (!status_) {
            int status = 0;
            ::waitpid(pid_, &status, 0);
            status_ = decode(status);
        }
        return *status_;
    }

private:
    static int decode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

    pid_t pid_ = -1;
    int stdin_ = -1;
    std::optional<int> status_;
};

}  // namespace veille::test
