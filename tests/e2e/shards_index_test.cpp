// shards_index_test.cpp — issue 20: `veille-index --shard I/N` (one part per machine) and `--shards
// N` (every part in one run) write each article to the shard its id hashes to, and only there.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "common/schema.hpp"
#include "common/shard.hpp"
#include "tests/support/json_results.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/sharded_corpus.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using veille::test::kCorpusShards;
using veille::test::run_index;
using veille::test::sharded_corpus;
using veille::test::source_file;
using veille::test::summary_of;
using veille::test::TempDir;

namespace {

constexpr unsigned kShards = kCorpusShards;

std::set<std::string> ids_in(const std::string& db) {
    const Xapian::Database x(db);
    std::set<std::string> ids;
    for (auto it = x.postlist_begin(""); it != x.postlist_end(""); ++it)
        ids.insert(x.get_document(*it).get_value(veille::slot::kId));
    return ids;
}

}  // namespace

TEST_CASE("veille-index --shard I/N indexes the articles whose id hashes to I, and only those",
          "[e2e][index][shards]") {
    TempDir tmp;
    const std::string corpus = source_file("corpus/articles");
    std::size_t total = 0;
    std::set<std::string> all;
    for (unsigned i = 0; i < kShards; ++i) {
        const std::string db = tmp / ("m" + std::to_string(i));
        const json s = summary_of(
            run_index({"--db", db, "--shard", std::to_string(i) + "/3", "--json", corpus}));
        const auto ids = ids_in(db);
        CHECK(s["indexed"] == ids.size());
        CHECK(s["indexed"].get<std::size_t>() + s["other_shard"].get<std::size_t>() == 167);
        for (const auto& id : ids) CHECK(veille::shard_of(id, kShards) == i);
        total += ids.size();
        all.insert(ids.begin(), ids.end());
        // The same partition as --shards 3 in one run.
        CHECK(
            ids ==
            ids_in((sharded_corpus().path() / "shards" / ("shard-" + std::to_string(i))).string()));
    }
    CHECK(total == 167);
    CHECK(all.size() == 167);

    const std::string m0 = tmp / "m0";
    const std::string mine = *ids_in(m0).begin();
    const std::string other = *ids_in(tmp / "m1").begin();
    SECTION("--delete goes to the shard of the id; other ids are counted, not deleted") {
        const json s = summary_of(
            run_index({"--db", m0, "--shard", "0/3", "--json", "--delete", mine, other}));
        CHECK(s["deleted"] == 1);
        CHECK(s["other_shard"] == 1);
        CHECK(ids_in(m0).count(mine) == 0);
    }
    SECTION("a shard refuses another partition, or none") {
        auto r = run_index({"--db", m0, "--shard", "1/3", corpus});
        CHECK(r.exit_code == 1);
        CHECK(r.err == "veille-index: " + m0 +
                           ": is shard 0/3, not 1/3; the partition of a database cannot change: "
                           "re-index into a new one\n");
        r = run_index({"--db", m0, corpus});
        CHECK(r.exit_code == 1);
        CHECK(r.err == "veille-index: " + m0 +
                           ": is shard 0/3 of a partition: give --shard 0/3 (ids of other shards "
                           "are then left out)\n");
        const std::string whole = tmp / "whole";
        REQUIRE(run_index({"--db", whole, veille::test::test_data("mini.jsonl")}).exit_code == 0);
        r = run_index({"--db", whole, "--shard", "0/3", corpus});
        CHECK(r.exit_code == 1);
        CHECK(r.err == "veille-index: " + whole +
                           ": holds articles of every shard; --shard 0/3 needs a new database "
                           "(or one written with --shard 0/3)\n");
    }
    SECTION("usage errors") {
        auto r = run_index({"--db", m0, "--shard", "3/3", corpus});
        CHECK(r.exit_code == 2);
        CHECK(r.err == "veille-index: --shard expects I/N with 0 <= I < N <= 1024, got '3/3'\n");
        r = run_index({"--db", m0, "--shard", "0/3", "--shards", "3", corpus});
        CHECK(r.exit_code == 2);
    }
}

TEST_CASE(
    "veille-index --shards N writes N shards and a stub, and refuses directories it did not write",
    "[e2e][index][shards]") {
    const auto& dir = sharded_corpus();
    const std::string shards = dir / "shards";
    std::ifstream stub(shards + "/veille.stub");
    const std::string text((std::istreambuf_iterator<char>(stub)),
                           std::istreambuf_iterator<char>());
    CHECK(text == "# veille shards, searched as one: veille-search --db " + shards +
                      "/veille.stub\n"
                      "auto shard-0\nauto shard-1\nauto shard-2\n");
    for (unsigned i = 0; i < kShards; ++i)
        CHECK(
            Xapian::Database(shards + "/shard-" + std::to_string(i)).get_metadata("veille:shard") ==
            std::to_string(i) + "/3");

    TempDir tmp;
    SECTION("a second run with the same N: unchanged articles") {
        const std::string copy = tmp / "copy";
        const json first = summary_of(run_index(
            {"--db", copy, "--shards", "3", "--json", veille::test::test_data("mini.jsonl")}));
        CHECK(first["indexed"] > 0);
        const json s = summary_of(run_index(
            {"--db", copy, "--shards", "3", "--json", veille::test::test_data("mini.jsonl")}));
        CHECK(s["unchanged"] == first["indexed"]);
        CHECK(s["indexed"] == 0);
        const auto r =
            run_index({"--db", copy, "--shards", "4", veille::test::test_data("mini.jsonl")});
        CHECK(r.exit_code == 1);
        CHECK(r.err == "veille-index: " + copy +
                           ": holds 3 shards, not 4; ids would move between shards: "
                           "re-index into a new directory\n");
    }
    SECTION("a directory holding other files") {
        const std::string other = tmp.write("notes/lisez-moi.txt", "x");
        const auto r = run_index(
            {"--db", tmp / "notes", "--shards", "3", veille::test::test_data("mini.jsonl")});
        CHECK(r.exit_code == 1);
        CHECK(r.err == "veille-index: " + (tmp / "notes") +
                           ": holds 'lisez-moi.txt', which --shards did not write; "
                           "give a new or empty directory\n");
    }
}
