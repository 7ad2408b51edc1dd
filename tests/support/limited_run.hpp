// limited_run.hpp — runs a binary with what run_binary cannot set: a timeout (a hang fails the test
// instead of blocking the suite), RLIMIT_FSIZE (a simulated full disk), an unprivileged user
// (permission tests when CI runs as root); plus the small text helpers the robustness tests share.
#pragma once
#include <sys/resource.h>
#include <sys/types.h>

#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace veille::test {

inline constexpr uid_t kNobody = 65534;

#if defined(__SANITIZE_ADDRESS__)
inline constexpr long kMaxRssKb = 4L << 20;  // ASan shadow memory and quarantine count in the RSS
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr long kMaxRssKb = 4L << 20;
#else
inline constexpr long kMaxRssKb = 1L << 20;
#endif
#else
inline constexpr long kMaxRssKb = 1L << 20;
#endif

struct Limits {
    double timeout_seconds = 300;       ///< generous: only catches hangs; speed is measured by scripts/bench
    rlim_t file_size = RLIM_INFINITY;   ///< RLIMIT_FSIZE, with SIGXFSZ ignored so writes fail with EFBIG
    bool unprivileged = false;          ///< run as nobody when the tests run as root
};

struct Outcome {
    int exit_code = -1;  ///< exit status, 128+signal when killed
    std::string out;
    std::string err;
    double seconds = 0;
    long max_rss_kb = 0;
    bool timed_out = false;
};

/// Runs `program`; its outputs go to hidden files of `dir` (directory walks of the tests never see them).
Outcome run_limited(const std::string& program, const std::vector<std::string>& args, const TempDir& dir,
                    const Limits& limits = {}, const std::string& input = {});
Outcome index_limited(const std::vector<std::string>& args, const TempDir& dir, const Limits& limits = {});
Outcome search_limited(const std::vector<std::string>& args, const TempDir& dir, const Limits& limits = {},
                       const std::string& input = {});

/// True when a child can run as nobody (root with CAP_SETUID), or when we are not root anyway.
bool can_run_unprivileged();

/// The whole content of a file ("" when it cannot be read).
std::string slurp(const std::string& path);
/// `text` split at '\n'.
std::vector<std::string> lines_of(const std::string& text);

}  // namespace veille::test
