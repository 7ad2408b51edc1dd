// robustness_paths_test.cpp — what veille-index meets on the way to the files: missing paths, symlink
// loops, dangling links, unreadable files and directories, hidden entries, FIFOs.
#include "tests/support/input_scenario.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

using namespace veille::test;  // the support helpers: run_index, index_limited, good_json, check_rows…

namespace fs = std::filesystem;

namespace {

std::vector<ScenarioRow> path_rows() {
    return {
        // Paths and directory walks.
        {"missing input path",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             Scenario s;
             s.paths = {dir / "absent.jsonl", corpus};
             s.rejected = {{dir / "absent.jsonl", 0, "no such file or directory"}};
             s.good = {good("bon", 5)};
             return s;
         }},
        {"symlink loop: corpus/boucle -> corpus",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             fs::create_directory_symlink(corpus, corpus + "/boucle");
             Scenario s;
             s.rejected = {{corpus + "/boucle", 0, "symbolic link loop"}};
             s.good = {good("bon", 5)};
             return s;
         }},
        {"self-referencing symlink",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             fs::create_symlink(corpus + "/moi.jsonl", corpus + "/moi.jsonl");
             Scenario s;
             s.rejected = {{corpus + "/moi.jsonl", 0, "symbolic links"}};
             s.good = {good("bon", 5)};
             return s;
         }},
        {"dangling symlink",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             fs::create_symlink(dir / "nulle-part.jsonl", corpus + "/perdu.jsonl");
             Scenario s;
             s.rejected = {{corpus + "/perdu.jsonl", 0, "No such file"}};
             s.good = {good("bon", 5)};
             return s;
         }},
        // Unreadable even for root: reading /proc/self/mem at offset 0 fails with EIO.
        {"unreadable file: read error (EIO, works as root)",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             fs::create_symlink("/proc/self/mem", corpus + "/memoire.jsonl");
             Scenario s;
             s.rejected = {{corpus + "/memoire.jsonl", 0, "Input/output error"}};
             s.good = {good("bon", 5)};
             return s;
         }},
        {"hidden files and directories are skipped",
         [](const TempDir& dir, const std::string&) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             dir.write("corpus/.brouillon.jsonl", "{pas du json");
             dir.write("corpus/.git/objects/ab/cdef", binary_blob(500));
             Scenario s;
             s.good = {good("bon", 5)};
             return s;
         }},
        // A FIFO in a walked directory must not be opened: nobody writes to it, open() would block.
        {"FIFO inside a directory is not opened",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             REQUIRE(::mkfifo((corpus + "/tube.jsonl").c_str(), 0644) == 0);
             Scenario s;
             s.good = {good("bon", 5)};
             return s;
         }},
    };
}

}  // namespace

TEST_CASE("bad input matrix through veille-index: paths and directory walks", "[e2e][robustness][input]") { check_rows(path_rows()); }

// As root, permission bits do not stop reads: the child drops to nobody instead. Without that
// capability (a locked-down container) the test says so rather than passing vacuously.
TEST_CASE("unreadable file and directory give permission denied (as nobody when root)", "[e2e][robustness][input]") {
    if (!can_run_unprivileged()) {
        WARN("cannot run a child as nobody here (no CAP_SETUID): permission-denied inputs not tested");
        return;
    }
    TempDir dir;
    const auto corpus = make_corpus_dir(dir);
    // Several files and directories next to the unreadable one: the old recursive walk stopped at
    // the first error, silently dropping whatever came after it in readdir order.
    Scenario s;
    for (int i = 0; i < 8; ++i) {
        const std::string id = "bon-" + std::to_string(i);
        dir.write("corpus/" + id + ".jsonl", good_json(id, 8 + i) + "\n");
        dir.write("corpus/sous-" + std::to_string(i) + "/" + id + "b.jsonl", good_json(id + "b", 8 + i) + "\n");
        s.good.push_back(good(id, 8 + i));
        s.good.push_back(good(id + "b", 8 + i));
    }
    dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
    const auto secret = dir.write("corpus/secret.jsonl", good_json("secret", 6) + "\n");
    dir.write("corpus/prive/cache.jsonl", good_json("cache", 7) + "\n");
    fs::permissions(secret, fs::perms::none);
    fs::permissions(corpus + "/prive", fs::perms::none);
    fs::create_directories(dir / "db");
    if (::geteuid() == 0) {
        // nobody must be able to create the database, reach the corpus and write its outputs.
        REQUIRE(::chown((dir / "db").c_str(), kNobody, kNobody) == 0);
        fs::permissions(dir.path(), fs::perms::all);
    }
    s.rejected = {{secret, 0, "Permission denied"}, {corpus + "/prive", 0, "Permission denied"}};
    s.good.push_back(good("bon", 5));
    s.absent_ids = {"secret", "cache"};
    Limits limits;
    limits.unprivileged = true;
    check_scenario(dir, corpus, s, limits);
}
