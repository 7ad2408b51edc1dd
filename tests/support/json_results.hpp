// json_results.hpp — what the binaries print in --json, read back for checks.
#pragma once
#include <catch2/catch.hpp>

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

}  // namespace veille::test
