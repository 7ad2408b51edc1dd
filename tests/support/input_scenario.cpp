// input_scenario.cpp — building the bad-input folders, and checking a run of veille-index on one.
#include "tests/support/input_scenario.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <set>

#include "common/schema.hpp"
#include "tests/support/run_binary.hpp"

namespace veille::test {

ScenarioRow jsonl_row(const char* name, std::string bad, std::string reason, std::string bad_id, bool last) {
    return {name, [=](const TempDir& dir, const std::string& corpus) {
                std::string content = good_json("lot-1", 0) + "\n" + bad;
                if (!last) content += "\n" + good_json("lot-3", 1) + "\n";
                const auto file = dir.write("corpus/lot.jsonl", content);
                Scenario s;
                s.rejected = {{file, 2, reason}};
                s.good = {good("lot-1", 0)};
                if (!last) s.good.push_back(good("lot-3", 1));
                if (!bad_id.empty()) s.absent_ids = {bad_id};
                (void)corpus;
                return s;
            }};
}

ScenarioRow file_row(const char* name, std::string file_name, std::string content, std::size_t line,
                     std::string reason) {
    return {name, [=](const TempDir& dir, const std::string&) {
                const auto file = dir.write("corpus/" + file_name, content);
                dir.write("corpus/autres.jsonl", good_json("autre-1", 2) + "\n" + good_json("autre-2", 3) + "\n");
                Scenario s;
                if (!reason.empty() || line) s.rejected = {{file, line, reason}};
                s.good = {good("autre-1", 2), good("autre-2", 3)};
                s.absent_ids = {file};  // whole-file records take the path as id
                return s;
            }};
}

ScenarioRow accepted_file_row(const char* name, std::string file_name, std::string content, std::string marker,
                              std::string id) {
    return {name, [=](const TempDir& dir, const std::string&) {
                const auto file = dir.write("corpus/" + file_name, content);
                dir.write("corpus/autres.jsonl", good_json("autre-1", 2) + "\n");
                Scenario s;
                s.good = {good("autre-1", 2), {id.empty() ? file : id, marker}};
                return s;
            }};
}

std::string utf16le(const std::string& ascii, bool bom) {
    std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

std::string utf16be(const std::string& ascii) {
    std::string out;
    for (char c : ascii) {
        out += '\0';
        out += c;
    }
    return out;
}

std::string binary_blob(std::size_t size) {
    std::string out("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    std::uint32_t x = 2463534242u;
    while (out.size() < size) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out += static_cast<char>(x & 0xFF);
    }
    return out;
}

std::string rss(const std::string& items) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n"
           "<title>Veille Tech</title>\n<language>fr</language>\n" +
           items + "</channel>\n</rss>\n";
}

std::string rss_item(const std::string& guid, const std::string& title, const std::string& text) {
    return "<item>\n<guid>" + guid + "</guid>\n<title>" + title + "</title>\n<description>" + text +
           "</description>\n<pubDate>Sat, 12 Jul 2025 08:30:00 +0200</pubDate>\n</item>\n";
}

void check_scenario(const TempDir& dir, const std::string& corpus, const Scenario& s, const Limits& limits) {
    const auto db = dir / "db";
    std::vector<std::string> args{"--db", db, "--json"};
    if (s.paths.empty()) args.push_back(corpus);
    args.insert(args.end(), s.paths.begin(), s.paths.end());
    const auto r = index_limited(args, dir, limits);
    INFO("stderr:\n" << r.err);
    INFO("stdout:\n" << r.out.substr(0, 2000));
    REQUIRE_FALSE(r.timed_out);
    REQUIRE(r.exit_code == (s.rejected.empty() ? 0 : 3));

    // Exactly one stderr line per bad record: "veille-index: FILE:LINE: reason" ("FILE: reason" when
    // the whole file is the record).
    const auto lines = lines_of(r.err);
    CHECK(lines.size() == s.rejected.size());
    std::vector<bool> used(lines.size(), false);
    for (const auto& e : s.rejected) {
        const std::string head =
            "veille-index: " + e.file + (e.line ? ":" + std::to_string(e.line) : std::string()) + ": ";
        bool found = false;
        for (std::size_t i = 0; i < lines.size() && !found; ++i) {
            if (used[i] || lines[i].rfind(head, 0) != 0 || lines[i].find(e.reason, head.size()) == std::string::npos)
                continue;
            used[i] = found = true;
            CHECK(lines[i].size() > head.size());  // a reason, not an empty tail
        }
        INFO("expected a line starting with « " << head << " » and containing « " << e.reason << " »");
        CHECK(found);
    }

    // The --json summary counts the good records and lists the bad ones.
    const auto summary = nlohmann::json::parse(r.out);
    std::set<std::string> good_ids;
    for (const auto& g : s.good) good_ids.insert(g.id);
    CHECK(summary["indexed"] == good_ids.size());
    CHECK(summary["rejected"] == s.rejected.size());
    CHECK(summary["errors"].size() == s.rejected.size());
    for (const auto& e : summary["errors"]) {
        CHECK(e["file"].is_string());
        CHECK(e["line"].is_number_unsigned());
        CHECK_FALSE(e["reason"].get<std::string>().empty());
    }

    // No document for a bad record, one for each good one.
    const Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == good_ids.size());
    for (const auto& id : s.absent_ids) {
        INFO("bad record id " << id);
        CHECK(xdb.get_termfreq(veille::id_term(id)) == 0);
    }
    for (const auto& id : good_ids) {
        INFO("good record id " << id);
        CHECK(xdb.get_termfreq(veille::id_term(id)) == 1);
    }

    // Each good record is found by its marker (one veille-search, one query per stdin line).
    if (s.good.empty()) return;
    std::string queries;
    for (const auto& g : s.good) queries += g.marker + "\n";
    const auto found = search_limited({"--db", db, "--json"}, dir, {}, queries);
    INFO("search stderr: " << found.err);
    REQUIRE(found.exit_code == 0);
    const auto answers = lines_of(found.out);
    REQUIRE(answers.size() == s.good.size());
    for (std::size_t i = 0; i < s.good.size(); ++i) {
        const auto answer = nlohmann::json::parse(answers[i]);
        bool hit = false;
        // Found as a result, or as another telling of one (records copied under several ids).
        for (const auto& result : answer["results"]) {
            hit = hit || result["id"] == s.good[i].id;
            for (const auto& other : result["also"]) hit = hit || other["id"] == s.good[i].id;
        }
        INFO("query « " << s.good[i].marker << " » should find " << s.good[i].id << "; got " << answers[i]);
        CHECK(hit);
    }
}

std::string make_corpus_dir(const TempDir& dir) {
    const auto corpus = dir / "corpus";
    std::filesystem::create_directories(corpus);
    return corpus;
}

void check_rows(const std::vector<ScenarioRow>& rows) {
    for (const auto& row : rows) {
        DYNAMIC_SECTION(row.name) {
            TempDir dir;
            const auto corpus = make_corpus_dir(dir);
            const Scenario s = row.build(dir, corpus);
            check_scenario(dir, corpus, s);
        }
    }
}

}  // namespace veille::test
