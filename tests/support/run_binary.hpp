// run_binary.hpp — runs the real veille binaries and captures exit code, stdout and stderr.
#pragma once
#include <string>
#include <vector>

namespace veille::test {

struct RunResult {
    int exit_code = -1;  ///< exit status, or 128+signal when killed
    std::string out;
    std::string err;
};

/// Runs `program` with `args`, feeding `input` on stdin; environment plus `env` ("K=V") entries.
RunResult run_binary(const std::string& program, const std::vector<std::string>& args,
                     const std::string& input = {}, const std::vector<std::string>& env = {});

/// The argv of an exec: `program` then `args`, NULL-terminated, valid while this object lives
/// (built before fork: the child only calls execv).
class ExecArgs {
public:
    ExecArgs(const std::string& program, const std::vector<std::string>& args) : storage_{program} {
        storage_.insert(storage_.end(), args.begin(), args.end());
        for (auto& s : storage_) argv_.push_back(s.data());
        argv_.push_back(nullptr);
    }
    [[nodiscard]] char* const* get() const { return argv_.data(); }

private:
    std::vector<std::string> storage_;
    std::vector<char*> argv_;
};

/// veille-index / veille-search built by this tree (paths come from CMake).
RunResult run_index(const std::vector<std::string>& args, const std::string& input = {});
RunResult run_search(const std::vector<std::string>& args, const std::string& input = {});

/// A file of tests/data.
std::string test_data(const std::string& name);
/// A file of the source tree (corpus/articles/articles.jsonl…).
std::string source_file(const std::string& relative);

}  // namespace veille::test
