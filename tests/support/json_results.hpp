// json_results.hpp — what the binaries print in --json, read back for checks.
#pragma once
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/run_binary.hpp"

namespace veille::test {

/// veille-index's --json summary (stdout and stderr shown when it is not JSON).
inline nlohmann::json summary_of(const RunResult& r) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    return nlohmann::json::parse(r.out);
}

/// The ids veille-search --json returns for `query`, best first (at most `limit`).
inline std::vector<std::string> ids_for(const std::string& db, const std::string& query, int limit = 100) {
    const auto r = run_search({"--db", db, "--json", "-n", std::to_string(limit), query});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);  // not a temporary: the loop refers into it
    std::vector<std::string> ids;
    for (const auto& hit : j["results"]) ids.push_back(hit["id"]);
    return ids;
}

/// veille-search --db `db` --json `args`… (environment plus `env` "K=V" entries), parsed; it must exit 0.
inline nlohmann::json search_json(const std::string& db, const std::vector<std::string>& args,
                                  const std::vector<std::string>& env = {}) {
    std::vector<std::string> full{"--db", db, "--json"};
    full.insert(full.end(), args.begin(), args.end());
    const auto r = run_binary(VEILLE_SEARCH_BIN, full, {}, env);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}

/// The ids of a veille-search --json answer, best first.
inline std::vector<std::string> ids_of(const nlohmann::json& answer) {
    std::vector<std::string> ids;
    for (const auto& hit : answer["results"]) ids.push_back(hit["id"]);
    return ids;
}

/// Each line of `text` parsed as JSON (the JSON Lines of queries read from stdin); a line that is not
/// JSON, an empty one included, throws.
inline std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
}

}  // namespace veille::test
