// writer_test.cpp — BatchWriter: replace by id, unchanged by hash, delete, schema check, lock.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "indexer/writer.hpp"
#include "tests/support/temp_dir.hpp"

using veille::BatchWriter;
using veille::WriteOutcome;

namespace {

Xapian::Document doc_with(const std::string& id, const std::string& word) {
    Xapian::Document d;
    d.add_boolean_term(veille::id_term(id));
    d.add_term("Z" + word);
    d.set_data(word);
    return d;
}

}  // namespace

TEST_CASE("same id replaces, same hash is unchanged, delete removes", "[indexer][writer]") {
    veille::test::TempDir tmp;
    const std::string db = tmp / "db";
    {
        BatchWriter w(db, 2);
        CHECK(w.write("a1", "h1", doc_with("a1", "cloud")) == WriteOutcome::Indexed);
        CHECK(w.write("a2", "h2", doc_with("a2", "puce")) == WriteOutcome::Indexed);
        CHECK(w.write("a1", "h1", doc_with("a1", "cloud")) == WriteOutcome::Updated);  // doc_with stores no hash
        CHECK(w.remove("a2"));
        CHECK_FALSE(w.remove("absent"));
        w.commit();
    }
    Xapian::Database r(db);
    CHECK(r.get_doccount() == 1);
    CHECK(r.get_termfreq("Zcloud") == 1);
    CHECK(r.get_termfreq("Zpuce") == 0);
}

TEST_CASE("the stored hash makes a re-write unchanged", "[indexer][writer]") {
    veille::test::TempDir tmp;
    const std::string db = tmp / "db";
    BatchWriter w(db, 100);
    auto d = doc_with("x", "souverain");
    d.add_value(veille::slot::kHash, "abc");
    CHECK(w.write("x", "abc", d) == WriteOutcome::Indexed);
    CHECK(w.write("x", "abc", d) == WriteOutcome::Unchanged);
    auto changed = doc_with("x", "nuage");
    changed.add_value(veille::slot::kHash, "def");
    CHECK(w.write("x", "def", changed) == WriteOutcome::Updated);
    w.commit();
    CHECK(w.database().get_doccount() == 1);
    CHECK(w.database().get_termfreq("Znuage") == 1);
}

TEST_CASE("a second writer is told the database is locked", "[indexer][writer]") {
    veille::test::TempDir tmp;
    const std::string db = tmp / "db";
    BatchWriter first(db, 10);
    try {
        BatchWriter second(db, 10);
        FAIL("second writer opened a locked database");
    } catch (const veille::DatabaseError& e) {
        CHECK(std::string(e.what()) == db + ": database is locked by another veille-index");
    }
}

TEST_CASE("a database with another schema version is refused", "[indexer][writer]") {
    veille::test::TempDir tmp;
    const std::string db = tmp / "db";
    {
        Xapian::WritableDatabase w(db, Xapian::DB_CREATE_OR_OPEN);
        w.set_metadata(std::string(veille::kSchemaKey), "999");
        w.commit();
    }
    REQUIRE_THROWS_AS(BatchWriter(db, 10), veille::DatabaseError);
    try {
        BatchWriter w(db, 10);
    } catch (const veille::DatabaseError& e) {
        CHECK_THAT(e.what(), Catch::Contains("schema version 999"));
    }
}
