// corpus_db.cpp — the shared corpus databases: the fixture's, else built once per process.
#include "tests/support/corpus_db.hpp"

#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace veille::test {
namespace {

// `name` under the fixture's directory when ctest runs us; else indexed here, once per process.
// The inputs must match tests/support/corpus_databases.cmake, or results would depend on the runner.
std::string shared_db(const std::string& name, const std::vector<std::string>& inputs) {
    if (const char* dir = std::getenv("VEILLE_TEST_CORPUS_DBS"); dir && *dir) return std::string(dir) + "/" + name;
    static const TempDir tmp;
    const std::string db = tmp / name;
    std::vector<std::string> args{"--db", db};
    args.insert(args.end(), inputs.begin(), inputs.end());
    const auto r = run_index(args);
    if (r.exit_code != 0) throw std::runtime_error("indexing " + name + " failed: " + r.err);
    return db;
}

}  // namespace

const std::string& corpus_db() {
    static const std::string db = shared_db("articles", {source_file("corpus/articles/articles.jsonl")});
    return db;
}

const std::string& corpus_and_mini_db() {
    static const std::string db =
        shared_db("articles+mini", {source_file("corpus/articles/articles.jsonl"), test_data("mini.jsonl")});
    return db;
}

}  // namespace veille::test
