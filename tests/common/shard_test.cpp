// shard_test.cpp — the partition hash is part of the on-disk format: fixed values, spec parsing, stub files.
#include <catch2/catch.hpp>

#include <fstream>

#include "common/error.hpp"
#include "common/shard.hpp"
#include "common/stub_file.hpp"
#include "tests/support/temp_dir.hpp"

using veille::test::TempDir;

TEST_CASE("id_hash is FNV-1a 64 of the stored id, the same on every machine", "[common][shard]") {
    // Published FNV-1a 64 test vectors: a different value means every existing partition moves.
    CHECK(veille::id_hash("") == 0xcbf29ce484222325ULL);
    CHECK(veille::id_hash("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(veille::id_hash("foobar") == 0x85944171f73967e8ULL);
    // The id as stored: its Q term is cut at 240 bytes, so ids equal up to there share a shard.
    const std::string long_id(300, 'x');
    CHECK(veille::id_hash(long_id) == veille::id_hash(long_id.substr(0, 239)));
    CHECK(veille::id_hash(long_id.substr(0, 238)) != veille::id_hash(long_id.substr(0, 239)));
}

TEST_CASE("shard_of spreads ids over every shard", "[common][shard]") {
    std::vector<int> counts(3, 0);
    for (int i = 0; i < 3000; ++i) ++counts[veille::shard_of("https://exemple.fr/article-" + std::to_string(i), 3)];
    for (const int c : counts) CHECK(c > 900);
    CHECK(veille::shard_of("ia-001", 1) == 0);
    const veille::ShardSpec spec{veille::shard_of("ia-001", 3), 3};
    CHECK(spec.owns("ia-001"));
    CHECK(spec.text() == std::to_string(spec.index) + "/3");
}

TEST_CASE("shard specs I/N are parsed strictly", "[common][shard]") {
    const auto s = veille::parse_shard_spec("2/5");
    CHECK(s.index == 2);
    CHECK(s.count == 5);
    CHECK(veille::parse_shard_spec("0/1").count == 1);
    for (const char* bad : {"", "3", "3/3", "1/0", "-1/3", "1/3x", "a/3", "1/", "/3", "0/1025", "1 /3"}) {
        INFO(bad);
        try {
            veille::parse_shard_spec(bad);
            FAIL("accepted");
        } catch (const veille::UsageError& e) {
            CHECK(std::string(e.what()) == "--shard expects I/N with 0 <= I < N <= 1024, got '" + std::string(bad) + "'");
        }
    }
}

TEST_CASE("stub files: Xapian 1.4's auto and remote lines, paths relative to the stub", "[common][shard]") {
    TempDir dir;
    const std::string stub = dir.write("x.stub", "# commentaire\n\nauto shard-0\nglass /srv/autre\n  remote 10.0.0.2:33333  \n");
    const auto entries = veille::read_stub(stub);
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].kind == veille::StubEntry::Kind::Local);
    CHECK(entries[0].path == (dir.path() / "shard-0").string());
    CHECK(entries[0].where == stub + ":3");
    CHECK(entries[1].path == "/srv/autre");
    CHECK(entries[2].kind == veille::StubEntry::Kind::Remote);
    CHECK(entries[2].host == "10.0.0.2");
    CHECK(entries[2].port == 33333);

    const std::pair<const char*, const char*> bad[] = {
        {"remote TCP 10.0.0.2 33333\n", ":1: remote shards are HOST:PORT (stub lines: 'auto PATH' or 'remote HOST:PORT'), got 'remote TCP 10.0.0.2 33333'"},
        {"auto a\nremote h:99999\n", ":2: bad port (stub lines: 'auto PATH' or 'remote HOST:PORT'), got 'remote h:99999'"},
        {"tcp h 1\n", ":1: unknown database type 'tcp' (stub lines: 'auto PATH' or 'remote HOST:PORT'), got 'tcp h 1'"},
        {"auto\n", ":1: missing database path (stub lines: 'auto PATH' or 'remote HOST:PORT'), got 'auto'"},
        {"# rien\n", ": stub file lists no database"},
    };
    for (const auto& [text, message] : bad) {
        INFO(text);
        const std::string path = dir.write("bad.stub", text);
        try {
            veille::read_stub(path);
            FAIL("accepted");
        } catch (const veille::DatabaseError& e) {
            CHECK(std::string(e.what()) == path + message);
        }
    }
}

TEST_CASE("write_stub lists the --shards directories", "[common][shard]") {
    TempDir dir;
    veille::write_stub(dir.path().string(), 3);
    const auto entries = veille::read_stub(dir / "veille.stub");
    REQUIRE(entries.size() == 3);
    for (unsigned i = 0; i < 3; ++i) CHECK(entries[i].path == (dir.path() / ("shard-" + std::to_string(i))).string());
}
