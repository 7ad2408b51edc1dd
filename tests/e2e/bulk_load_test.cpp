// bulk_load_test.cpp — an empty database is built as parallel shards merged at the end:
// the result must be the one-writer result, repeated ids and bad records included.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "tests/support/json_results.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using veille::test::ids_for;
using veille::test::run_binary;
using veille::test::run_index;
using veille::test::run_search;
using veille::test::source_file;
using veille::test::summary_of;
using veille::test::TempDir;

namespace {

json facets_for(const std::string& db, const std::string& query) {
    const auto r = run_search({"--db", db, "--json", query});
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out)["facets"];
}

// Indexes the corpus followed by later versions of some of its ids (one rewritten, the others
// identical) and a broken line, once as a bulk load (with `bulk_env` added to its environment) and
// once by one writer, and compares the two databases.
void check_bulk_load_is_one_writer(const std::vector<std::string>& bulk_env) {
    TempDir tmp;
    // Repeats: ia-002 comes back rewritten (updated), ia-003 comes back identical (unchanged); one line is broken.
    const std::string extra = tmp.write("suite.jsonl",
        R"({"id":"ia-002","title":"Mistral AI lève de nouveau des fonds","body":"La jeune pousse parisienne Mistral AI annonce une levée de fonds record auprès d’investisseurs européens.","date":"2024-06-11"})" "\n"
        R"({"id":"ia-003","title":)" "\n");
    const std::string corpus = source_file("corpus/articles/articles.jsonl");
    std::string first_three;
    {
        std::ifstream in(corpus);
        std::string line;
        for (int i = 0; i < 3 && std::getline(in, line); ++i) first_three += line + "\n";
    }
    const std::string again = tmp.write("again.jsonl", first_three.substr(first_three.find('\n', first_three.find('\n') + 1) + 1));

    const std::string bulk = tmp / "bulk", single = tmp / "single";
    // What a killed bulk load leaves behind: removed by the next one.
    std::filesystem::create_directories(tmp.path() / ".bulk.veille-load-99999999" / "shard0");
    const auto b = run_binary(VEILLE_INDEX_BIN, {"--db", bulk, "--threads", "2", "--json", corpus, extra, again}, {}, bulk_env);
    const auto s = run_index({"--db", single, "--threads", "1", "--json", corpus, extra, again});
    CHECK(b.exit_code == 3);  // a rejected record
    CHECK(s.exit_code == 3);
    const json bs = summary_of(b), ss = summary_of(s);
    for (const char* key : {"indexed", "updated", "unchanged", "rejected"}) {
        INFO(key);
        CHECK(bs[key] == ss[key]);
    }
    CHECK(bs["updated"] == 1);
    CHECK(bs["unchanged"] == 1);
    CHECK(bs["rejected"] == 1);
    CHECK(b.err.find("suite.jsonl:2:") != std::string::npos);

    const Xapian::Database bdb(bulk), sdb(single);
    CHECK(bdb.get_doccount() == sdb.get_doccount());
    CHECK(bdb.get_doccount() == bs["indexed"].get<Xapian::doccount>());
    for (auto it = bdb.allterms_begin("Q"); it != bdb.allterms_end("Q"); ++it) {
        INFO(*it);
        CHECK(it.get_termfreq() == 1);  // never a duplicate
    }
    CHECK(bdb.get_metadata("veille:schema") == sdb.get_metadata("veille:schema"));

    // The later version of a repeated id won, in both.
    CHECK(ids_for(bulk, "\"lève de nouveau des fonds\"") == std::vector<std::string>{"ia-002"});
    CHECK(ids_for(single, "\"lève de nouveau des fonds\"") == std::vector<std::string>{"ia-002"});
    // Same statistics, same ranking, same facets.
    for (const char* q : {"modèle open source", "cybersécurité rançongiciel", "Mistral AI", "fibre optique",
                          "\"intelligence artificielle\"", "puce*", "company:Nvidia", "date:2024"}) {
        INFO(q);
        CHECK(ids_for(bulk, q) == ids_for(single, q));
        CHECK(facets_for(bulk, q) == facets_for(single, q));
    }

    // Nothing is left next to the database.
    for (const auto& entry : std::filesystem::directory_iterator(tmp.path())) {
        INFO(entry.path());
        CHECK(entry.path().filename().string().find("veille-load") == std::string::npos);
    }

    // The database is no longer empty: the next run is incremental, one writer.
    const json rerun = summary_of(run_index({"--db", bulk, "--threads", "2", "--json", corpus}));
    CHECK(rerun["indexed"] == 0);
    CHECK(rerun["unchanged"].get<int>() + rerun["updated"].get<int>() == bs["indexed"].get<int>());
}

}  // namespace

TEST_CASE("a bulk load into an empty database gives what one writer gives", "[e2e][index][bulk]") {
    check_bulk_load_is_one_writer({});
}

TEST_CASE("a bulk load written as many small segments gives what one writer gives", "[e2e][index][bulk]") {
    // 20 kB of text per segment: the corpus's 167 articles fill a few dozen segments, so the repeated
    // ids of the later files find their earlier version in a closed segment, to replace or keep.
    check_bulk_load_is_one_writer({"VEILLE_SEGMENT_BYTES=20000"});
}

TEST_CASE("a bad VEILLE_SEGMENT_BYTES is a one-line usage error", "[e2e][index][bulk]") {
    TempDir tmp;
    const auto r = run_binary(VEILLE_INDEX_BIN, {"--db", tmp / "db", "--threads", "2", source_file("corpus/articles/articles.jsonl")},
                              {}, {"VEILLE_SEGMENT_BYTES=64M"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "veille-index: VEILLE_SEGMENT_BYTES: expected a positive number of bytes, got '64M'\n");
}

TEST_CASE("a bulk load reads stdin and a directory like one writer", "[e2e][index][bulk]") {
    TempDir tmp;
    const std::string corpus = source_file("corpus/articles/articles.jsonl");
    std::ifstream in(corpus);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto b = run_index({"--db", tmp / "db", "--threads", "3", "--json", "-"}, text);
    REQUIRE(b.exit_code == 0);
    const json s = summary_of(b);
    CHECK(s["indexed"].get<Xapian::doccount>() == Xapian::Database(tmp / "db").get_doccount());
    CHECK(s["indexed"].get<int>() > 150);
    CHECK(!ids_for(tmp / "db", "OpenAI").empty());
}
