// watch_db.cpp — a copy rather than a fresh index: the corpus is indexed once per ctest run already.
#include "tests/support/watch_db.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/corpus_db.hpp"

namespace veille::test {

WatchDb::WatchDb() : db_(dir_ / "db") {
    std::filesystem::copy(corpus_db(), db_, std::filesystem::copy_options::recursive);
}

RunResult WatchDb::search(std::vector<std::string> args,
                          const std::vector<std::string>& env) const {
    args.insert(args.begin(), {"--db", db_});
    return run_binary(VEILLE_SEARCH_BIN, args, {}, env);
}

RunResult WatchDb::index(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db_});
    return run_index(args);
}

nlohmann::json WatchDb::run_json(const std::vector<std::string>& args) const {
    std::vector<std::string> full{"watch", "run", "--json"};
    full.insert(full.end(), args.begin(), args.end());
    const RunResult r = search(full);
    INFO("watch run: stdout " << r.out << "\nstderr " << r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}

void WatchDb::index_jsonl(const std::string& name, const std::string& jsonl) const {
    const RunResult r = index({dir_.write(name, jsonl)});
    INFO("veille-index: " << r.err);
    REQUIRE(r.exit_code == 0);
}

std::vector<std::string> reported_ids(const nlohmann::json& run, const std::string& name) {
    for (const auto& w : run.at("watches"))
        if (w.at("name") == name) {
            std::vector<std::string> ids;
            // A story's other tellings are reported with it.
            for (const auto& hit : w.at("results")) {
                ids.push_back(hit.at("id"));
                for (const auto& other : hit.at("also")) ids.push_back(other.at("id"));
            }
            return ids;
        }
    FAIL("no watch " << name << " in " << run.dump());
    return {};
}

}  // namespace veille::test
