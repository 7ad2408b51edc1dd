// watch_db.hpp — a writable copy of the corpus database for the watch tests, and the binaries on it.
// (Watches write their state into the database directory: the shared copy is read-only.)
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace veille::test {

class WatchDb {
public:
    /// Copies corpus_db() into a fresh temporary directory.
    WatchDb();
    [[nodiscard]] const std::string& path() const { return db_; }
    [[nodiscard]] const TempDir& dir() const { return dir_; }
    /// veille-search --db COPY `args`… (environment plus `env` "K=V" entries).
    [[nodiscard]] RunResult search(std::vector<std::string> args,
                                   const std::vector<std::string>& env = {}) const;
    /// veille-index --db COPY `args`…
    [[nodiscard]] RunResult index(std::vector<std::string> args) const;
    /// `watch run --json` plus `args`, which must exit 0, parsed.
    [[nodiscard]] nlohmann::json run_json(const std::vector<std::string>& args = {}) const;
    /// Writes `jsonl` as NAME in the temporary directory and indexes it (exit 0 required).
    void index_jsonl(const std::string& name, const std::string& jsonl) const;

private:
    TempDir dir_;
    std::string db_;
};

/// The ids a `watch run --json` reported for watch `name`, in the order printed (each result, then
/// the other tellings folded under it).
std::vector<std::string> reported_ids(const nlohmann::json& run, const std::string& name);

}  // namespace veille::test
