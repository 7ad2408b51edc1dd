// robustness_database_test.cpp — database problems through both binaries: one clear line, exit 1,
// the previous commit intact.
#include "common/schema.hpp"
#include "tests/support/french_articles.hpp"
#include "tests/support/limited_run.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace veille::test;  // the support helpers: run_index, index_limited, good_json…

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Database problems: one clear line, exit 1, the previous commit intact.

namespace {

void require_one_line_error(const Outcome& r, const std::string& program, const std::string& must_contain) {
    INFO(program << " stderr:\n" << r.err);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    const auto lines = lines_of(r.err);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].rfind(program + ": ", 0) == 0);
    CHECK(lines[0].find(must_contain) != std::string::npos);
    CHECK(lines[0].find("internal error") == std::string::npos);
}

std::string small_corpus(const TempDir& dir) {
    return dir.write("petit.jsonl", good_json("p-1", 0) + "\n" + good_json("p-2", 1) + "\n" + good_json("p-3", 2) + "\n");
}

std::size_t search_total(const TempDir& dir, const std::string& db, const std::string& query) {
    const auto r = search_limited({"--db", db, "--json", "--", query}, dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out)["total"].get<std::size_t>();
}

}  // namespace

TEST_CASE("veille-search on a missing database prints one line and exits 1", "[e2e][robustness][database]") {
    TempDir dir;
    const auto db = dir / "absente.db";
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", db);
    CHECK_FALSE(fs::exists(db));  // searching never creates a database
}

TEST_CASE("db option naming a regular file is refused by both binaries", "[e2e][robustness][database]") {
    TempDir dir;
    const auto db = dir.write("fichier.db", "pas une base\n");
    require_one_line_error(index_limited({"--db", db, small_corpus(dir)}, dir), "veille-index", db);
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", db);
    CHECK(slurp(db) == "pas une base\n");
}

TEST_CASE("db option naming a directory of other files is refused and left untouched", "[e2e][robustness][database]") {
    TempDir dir;
    const auto db = dir / "documents";
    dir.write("documents/rapport.txt", "Rapport annuel\n");
    dir.write("documents/notes.md", "# Notes\n");
    require_one_line_error(index_limited({"--db", db, small_corpus(dir)}, dir), "veille-index",
                           "not a veille database");
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", db);
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(db)) names.insert(e.path().filename().string());
    CHECK(names == std::set<std::string>{"notes.md", "rapport.txt"});
}

TEST_CASE("a Xapian database not made by veille is refused by both binaries", "[e2e][robustness][database]") {
    TempDir dir;
    const auto db = dir / "autre.db";
    {
        Xapian::WritableDatabase other(db, Xapian::DB_CREATE);
        Xapian::Document doc;
        doc.add_term("bonjour");
        other.add_document(doc);
        other.commit();
    }
    require_one_line_error(index_limited({"--db", db, small_corpus(dir)}, dir), "veille-index",
                           "not a veille database");
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", "not a veille database");
    CHECK(Xapian::Database(db).get_doccount() == 1);
}

TEST_CASE("a schema 1 database is searched and marked schema 2 by the next indexing", "[e2e][robustness][database]") {
    TempDir dir;
    const auto db = dir / "db";
    REQUIRE(index_limited({"--db", db, small_corpus(dir)}, dir).exit_code == 0);
    {
        Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
        w.set_metadata(std::string(veille::kSchemaKey), "1");
        w.commit();
    }
    CHECK(search_limited({"--db", db, "cloud"}, dir).exit_code == 0);
    const auto more = dir.write("plus.jsonl", good_json("p-4", 3) + "\n");
    REQUIRE(index_limited({"--db", db, more}, dir).exit_code == 0);
    const Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == 4);
    CHECK(xdb.get_metadata(std::string(veille::kSchemaKey)) == std::to_string(veille::kSchemaVersion));
}

TEST_CASE("wrong schema version 999 is refused by both binaries", "[e2e][robustness][database]") {
    TempDir dir;
    const auto db = dir / "db";
    REQUIRE(index_limited({"--db", db, small_corpus(dir)}, dir).exit_code == 0);
    {
        Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
        REQUIRE(w.get_metadata(std::string(veille::kSchemaKey)) == std::to_string(veille::kSchemaVersion));
        w.set_metadata(std::string(veille::kSchemaKey), "999");
        w.commit();
    }
    const auto more = dir.write("plus.jsonl", good_json("p-4", 3) + "\n");
    require_one_line_error(index_limited({"--db", db, more}, dir), "veille-index", "schema version 999");
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", "schema version 999");
    const Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == 3);
    CHECK(xdb.get_metadata(std::string(veille::kSchemaKey)) == "999");
}

TEST_CASE("damaged database with iamglass overwritten gives one line and no crash", "[e2e][robustness][database]") {
    TempDir dir;
    const auto db = dir / "db";
    REQUIRE(index_limited({"--db", db, small_corpus(dir)}, dir).exit_code == 0);
    dir.write("db/iamglass", "ceci n'est plus une base Xapian");
    require_one_line_error(index_limited({"--db", db, small_corpus(dir)}, dir), "veille-index", db);
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", db);
}

// Root ignores directory permissions, so as root the writer runs as nobody; the directory keeps
// its owner (root) and mode 0755, i.e. it is read-only for the writer.
TEST_CASE("read-only database directory gives a clear error and searches still work", "[e2e][robustness][database]") {
    if (!can_run_unprivileged()) {
        WARN("cannot run a child as nobody here (no CAP_SETUID): read-only database not tested");
        return;
    }
    TempDir dir;
    const auto db = dir / "db";
    REQUIRE(index_limited({"--db", db, small_corpus(dir)}, dir).exit_code == 0);
    fs::permissions(dir.path(), fs::perms::all);
    if (::geteuid() != 0) {
        // Without root the writer is the owner: take write permission from the files as well, or
        // Xapian would still open the existing lock file.
        const auto read_only = fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read;
        for (const auto& e : fs::directory_iterator(db)) fs::permissions(e.path(), read_only);
        fs::permissions(db, read_only | fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec);
    }
    const auto more = dir.write("plus.jsonl", good_json("p-4", 3) + "\n");
    Limits as_nobody;
    as_nobody.unprivileged = true;
    const auto r = index_limited({"--db", db, more}, dir, as_nobody);
    require_one_line_error(r, "veille-index", db);
    // Bug found by this test: Xapian reports an unopenable lock file as DatabaseLockError, which was
    // shown as "locked by another veille-index".
    CHECK(r.err.find("locked by another") == std::string::npos);
    CHECK(r.err.find("Permission denied") != std::string::npos);

    const auto found = search_limited({"--db", db, "--json", "Quimper"}, dir, as_nobody);
    INFO(found.err);
    CHECK(found.exit_code == 0);
    CHECK(found.err.empty());

    // A new database under a read-only parent cannot be created either.
    const auto nested = db + "/nouvelle";
    require_one_line_error(index_limited({"--db", nested, more}, dir, as_nobody), "veille-index", nested);
    fs::permissions(db, fs::perms::owner_all, fs::perm_options::add);
}

// A full disk, simulated without mounts: RLIMIT_FSIZE with SIGXFSZ ignored makes every write past
// the limit fail with EFBIG, which Xapian reports like ENOSPC (a failed block write).
TEST_CASE("disk full simulated by RLIMIT_FSIZE gives one line and keeps the previous commit", "[e2e][robustness][database]") {
    TempDir dir;
    const auto db = dir / "db";
    REQUIRE(index_limited({"--db", db, small_corpus(dir)}, dir).exit_code == 0);
    std::uintmax_t largest = 0;
    for (const auto& e : fs::directory_iterator(db)) largest = std::max(largest, e.file_size());

    std::string lines;
    for (int i = 0; i < 3000; ++i)
        lines += nlohmann::json{{"id", "gros-" + std::to_string(i)},
                                {"title", "Article numéro " + std::to_string(i) + " sur le numérique"},
                                {"body", french_paragraph(6 + i % 7) + " Référence " + std::to_string(i * 7919) + "."}}
                     .dump() +
                 "\n";
    const auto big = dir.write("gros.jsonl", lines);
    Limits limits;
    limits.file_size = largest + (64u << 10);
    const auto r = index_limited({"--db", db, "--batch-size", "1000", big}, dir, limits);
    require_one_line_error(r, "veille-index", db);

    // The database still opens, checks clean, and holds the first run plus whole batches only.
    const Xapian::Database xdb(db);
    CHECK((xdb.get_doccount() - 3) % 1000 == 0);
    CHECK(xdb.get_termfreq(veille::id_term("p-1")) == 1);
    if (fs::exists("/usr/bin/xapian-check")) {
        const auto check = run_limited("/usr/bin/xapian-check", {db}, dir);
        INFO(check.out << check.err);
        CHECK(check.exit_code == 0);
    } else {
        WARN("xapian-check not installed (xapian-tools): database structure not verified");
    }
    CHECK(search_total(dir, db, "Quimper") == 1);

    // Space comes back: the same run completes.
    const auto again = index_limited({"--db", db, "--json", big}, dir);
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == 3003);
}
