// story_e2e_test.cpp — one story once (issue 18), through the real binaries: a story told by several
// outlets is one result with its other sources, every page agrees with the others, totals and facets
// still count articles, and an article rewritten, added or deleted changes only its own signature.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/schema.hpp"
#include "tests/support/corpus_db.hpp"
#include "tests/support/json_results.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using veille::test::corpus_db;
using veille::test::ids_of;
using veille::test::run_index;
using veille::test::run_search;
using veille::test::search_json;
using veille::test::source_file;
using veille::test::TempDir;

namespace {

std::vector<std::string> corpus_lines() {
    std::ifstream in(source_file("corpus/articles/articles.jsonl"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

json corpus_article(const std::string& id) {
    for (const auto& line : corpus_lines()) {
        json j = json::parse(line);
        if (j["id"] == id) return j;
    }
    FAIL("no article " << id << " in the corpus");
    return {};
}

// id → stored story signature (slot value, "" for none), read from the database itself.
std::map<std::string, std::string> signatures(const std::string& db) {
    const Xapian::Database x(db);
    std::map<std::string, std::string> out;
    for (auto p = x.postlist_begin(""); p != x.postlist_end(""); ++p) {
        const Xapian::Document doc = x.get_document(*p);
        out[doc.get_value(veille::slot::kId)] = doc.get_value(veille::slot::kStorySignature);
    }
    return out;
}

void index_ok(const std::vector<std::string>& args) {
    const auto r = run_index(args);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
}

const json* hit_with_id(const json& answer, const std::string& id) {
    for (const auto& hit : answer["results"])
        if (hit["id"] == id) return &hit;
    return nullptr;
}

std::vector<std::string> also_ids(const json& hit) {
    std::vector<std::string> out;
    for (const auto& m : hit["also"]) out.push_back(m["id"]);
    return out;
}

}  // namespace

TEST_CASE("stories: « openai » shows Stargate once, with its other source", "[e2e][story]") {
    const json collapsed = search_json(corpus_db(), {"-n", "100", "openai"});
    const json* kept = hit_with_id(collapsed, "eco-042");
    const json* folded = hit_with_id(collapsed, "ia-027");
    REQUIRE((kept != nullptr) != (folded != nullptr));  // exactly one of the two retellings is a result
    const json& shown = kept ? *kept : *folded;
    const std::string other = kept ? "ia-027" : "eco-042";
    CHECK(shown["story"] == "eco-042");  // the smallest id of the story's articles
    REQUIRE(shown["also"].size() == 1);
    CHECK(shown["also"][0]["id"] == other);
    CHECK(shown["also"][0]["source"] == (other == "ia-027" ? "La Dépêche Tech" : "Veille Tech"));
    CHECK(shown["also"][0]["title"].get<std::string>().rfind("Stargate", 0) == 0);
    // Different events about one company stay apart: Altman fired (18 Nov 2023) and back (22 Nov).
    REQUIRE(hit_with_id(collapsed, "ia-006"));
    REQUIRE(hit_with_id(collapsed, "ia-007"));

    const json every = search_json(corpus_db(), {"-n", "100", "--no-collapse", "openai"});
    REQUIRE(hit_with_id(every, "eco-042"));
    REQUIRE(hit_with_id(every, "ia-027"));
    for (const auto& hit : every["results"]) {
        CHECK(hit["also"].empty());
        CHECK(hit["story"].is_null());
    }
    // Totals and facets count articles either way (what a facet click then lists, folded or not).
    CHECK(collapsed["total"] == every["total"]);
    CHECK(collapsed["facets"] == every["facets"]);
    // Every article is either a result or under one, once.
    std::vector<std::string> seen;
    for (const auto& hit : collapsed["results"]) {
        seen.push_back(hit["id"]);
        for (const auto& id : also_ids(hit)) seen.push_back(id);
    }
    std::vector<std::string> all = ids_of(every);
    std::sort(seen.begin(), seen.end());
    std::sort(all.begin(), all.end());
    CHECK(seen == all);
    CHECK(collapsed["results"].size() < every["results"].size());

    // The human view names the other source and its id, and counts results and articles apart.
    const auto human = run_search({"--db", corpus_db(), "-n", "100", "openai"});
    REQUIRE(human.exit_code == 0);
    CHECK(human.out.rfind(std::to_string(collapsed["results"].size()) + " résultats (" +
                              std::to_string(every["total"].get<std::size_t>()) + " articles) pour « openai »",
                          0) == 0);
    CHECK(human.out.find("+ 1 autre source : " + std::string(other == "ia-027" ? "La Dépêche Tech" : "Veille Tech") +
                         " (" + other + ")") != std::string::npos);
}

TEST_CASE("stories: every page shows the stories one long page shows, in its order", "[e2e][story]") {
    // A story's place depends only on the results above it: pages of 3 put end to end are the
    // long page, for the relevance order (with and without proximity pairs) and both date orders.
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"openai"}, {"intelligence artificielle"}, {"--sort", "date", "nvidia"}, {"--sort", "oldest", "milliards"}}) {
        INFO(args.back());
        std::vector<std::string> all{"-n", "60"};
        all.insert(all.end(), args.begin(), args.end());
        const json whole = search_json(corpus_db(), all);
        REQUIRE(whole["results"].size() >= 6);
        std::vector<std::string> paged;
        for (std::size_t offset = 0; offset < whole["results"].size(); offset += 3) {
            std::vector<std::string> page{"-n", "3", "--offset", std::to_string(offset)};
            page.insert(page.end(), args.begin(), args.end());
            const json part = search_json(corpus_db(), page);
            for (const auto& hit : part["results"]) {
                paged.push_back(hit["id"]);
                // What a short page folds under a result, the long page folds there too.
                const json* same = hit_with_id(whole, hit["id"]);
                REQUIRE(same);
                for (const auto& id : also_ids(hit)) {
                    const auto longer = also_ids(*same);
                    CHECK(std::find(longer.begin(), longer.end(), id) != longer.end());
                }
                CHECK(hit["rank"] == (*same)["rank"]);
            }
        }
        CHECK(paged == ids_of(whole));
    }
}

TEST_CASE("stories: rewriting, adding and deleting articles folds what the text says", "[e2e][story]") {
    TempDir tmp;
    const std::string db = tmp / "db";
    const json a = corpus_article("ia-027"), b = corpus_article("eco-042");
    index_ok({"--db", db, tmp.write("two.jsonl", a.dump() + "\n" + b.dump() + "\n")});
    json once = search_json(db, {"stargate"});
    REQUIRE(once["results"].size() == 1);
    CHECK(once["results"][0]["also"].size() == 1);

    // eco-042 now tells another story, the same day: two results.
    json other = corpus_article("hw-013");
    other["id"] = "eco-042";
    other["date"] = b["date"];
    index_ok({"--db", db, tmp.write("rewritten.jsonl", other.dump() + "\n")});
    const json apart = search_json(db, {"-n", "10", "*"});
    REQUIRE(apart["results"].size() == 2);
    for (const auto& hit : apart["results"]) CHECK(hit["also"].empty());

    // Back to Stargate, and a third outlet the next day: one result with two other sources.
    json third = a;
    third["id"] = "octet-001";
    third["source"] = "L'Octet";
    third["date"] = "2025-01-23";
    third["title"] = "Stargate, le projet à 500 milliards de dollars d'OpenAI, SoftBank et Oracle";
    index_ok({"--db", db, tmp.write("back.jsonl", b.dump() + "\n" + third.dump() + "\n")});
    once = search_json(db, {"stargate"});
    REQUIRE(once["results"].size() == 1);
    CHECK(once["results"][0]["also"].size() == 2);
    CHECK(once["total"] == 3);

    // The same text a month later is news again (the window is a few days), not a retelling.
    json later = a;
    later["id"] = "octet-002";
    later["date"] = "2025-02-23";
    index_ok({"--db", db, tmp.write("later.jsonl", later.dump() + "\n")});
    CHECK(search_json(db, {"stargate"})["results"].size() == 2);

    // Deleted articles leave nothing behind.
    index_ok({"--db", db, "--delete", "eco-042"});
    index_ok({"--db", db, "--delete", "octet-001"});
    const json alone = search_json(db, {"-n", "10", "stargate"});
    REQUIRE(alone["results"].size() == 2);
    for (const auto& hit : alone["results"]) {
        CHECK(hit["story"].is_null());
        CHECK(hit["also"].empty());
    }
}

TEST_CASE("stories: a story told more often than the first window holds", "[e2e][story]") {
    // Stargate from 40 outlets beside the corpus: « stargate » matches 44 articles, 4 stories, so the
    // page reads wider windows (page + 10, then twice as many) until every match, in every order and
    // for a phrase (counted while ranking); the counts must not change with it.
    TempDir tmp;
    const std::string db = tmp / "db";
    std::string copies;
    const json a = corpus_article("ia-027");
    for (int i = 0; i < 40; ++i) {
        json copy = a;
        copy["id"] = "copy-" + std::to_string(i);
        copy["source"] = "Outlet " + std::to_string(i);
        copies += copy.dump() + "\n";
    }
    index_ok({"--db", db, source_file("corpus/articles/articles.jsonl"), tmp.write("copies.jsonl", copies)});
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"stargate"}, {"--sort", "date", "stargate"}, {"--sort", "oldest", "stargate"}, {"\"500 milliards\""}}) {
        INFO(args.back() << (args.size() > 1 ? " " + args[1] : ""));
        std::vector<std::string> folded_args{"-n", "10", "--facet-limit", "100"}, every_args{"--no-collapse", "-n", "100", "--facet-limit", "100"};
        folded_args.insert(folded_args.end(), args.begin(), args.end());
        every_args.insert(every_args.end(), args.begin(), args.end());
        const json folded = search_json(db, folded_args), every = search_json(db, every_args);
        CHECK(folded["total"] == every["total"]);
        CHECK(folded["facets"] == every["facets"]);
        std::size_t shown = 0, under = 0;
        for (const auto& hit : folded["results"]) {
            shown += 1 + hit["also"].size();
            under = std::max(under, hit["also"].size());
        }
        CHECK(shown == every["results"].size());  // every match read, each article once
        CHECK(under >= 40);  // Stargate once, its 41 other tellings under it
    }
}

TEST_CASE("stories: a story gathers other outlets' tellings, not one outlet's look-alikes", "[e2e][story]") {
    // One outlet's articles that read alike are more often a programme's template than one story
    // told twice: the same text under one source stays two results; under another source, one.
    TempDir tmp;
    const std::string db = tmp / "db";
    const json a = corpus_article("ia-027");
    json copy = a;
    copy["id"] = "ldt-999";
    index_ok({"--db", db, tmp.write("same.jsonl", a.dump() + "\n" + copy.dump() + "\n")});
    json answer = search_json(db, {"stargate"});
    REQUIRE(answer["results"].size() == 2);
    for (const auto& hit : answer["results"]) CHECK(hit["also"].empty());
    copy["source"] = "L'Octet";
    index_ok({"--db", db, tmp.write("other.jsonl", copy.dump() + "\n")});
    answer = search_json(db, {"stargate"});
    REQUIRE(answer["results"].size() == 1);
    CHECK(answer["results"][0]["also"].size() == 1);
}

TEST_CASE("stories: an article's signature is its own, however it was indexed", "[e2e][story]") {
    const auto bulk = signatures(corpus_db());
    std::size_t signed_articles = 0;
    for (const auto& [id, sig] : bulk) signed_articles += !sig.empty();
    CHECK(signed_articles * 10 >= bulk.size() * 9);  // nearly every corpus article is dated and long enough

    TempDir tmp;
    auto lines = corpus_lines();
    std::reverse(lines.begin(), lines.end());
    std::string first, second;
    for (std::size_t i = 0; i < lines.size(); ++i) (i % 2 ? second : first) += lines[i] + "\n";
    const std::string db = tmp / "db";
    // One writer, small commits, newest lines first, in two runs.
    index_ok({"--db", db, "--threads", "1", "--batch-size", "7", tmp.write("first.jsonl", first)});
    index_ok({"--db", db, "--batch-size", "13", tmp.write("second.jsonl", second)});
    CHECK(signatures(db) == bulk);
}

TEST_CASE("stories: eval ranks articles, as qrels judge them, unless given --collapse", "[e2e][story]") {
    const std::string topics = source_file("corpus/eval/queries.tsv"), qrels = source_file("corpus/eval/qrels.txt");
    const auto eval = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> args{"--db", corpus_db(), "eval", "--topics", topics, "--qrels", qrels, "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = run_search(args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return json::parse(r.out);
    };
    const json every_run = eval({}), collapsed_run = eval({"--collapse"});
    CHECK(every_run["parameters"]["collapse"] == false);  // runs of stories and of articles told apart
    CHECK(collapsed_run["parameters"]["collapse"] == true);
    const json &collapsed = collapsed_run["metrics"], &every = every_run["metrics"];
    // The qrels judge both retellings of a story: folding one under the other loses it.
    CHECK(collapsed["recall_100"].get<double>() < every["recall_100"].get<double>());
    CHECK(every["map"].get<double>() > 0.85);
}
