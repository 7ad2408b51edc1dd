// input_scenario.hpp — bad-input scenarios for veille-index: a folder of files, what must be
// rejected (file:line and reason) and what must still be indexed and found; rows of the robustness
// matrices (tests/e2e/robustness_{records,files,paths}_test.cpp) and the check they all go through.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "tests/support/french_articles.hpp"
#include "tests/support/limited_run.hpp"
#include "tests/support/temp_dir.hpp"

namespace veille::test {

struct ExpectedRejection {
    std::string file;
    std::size_t line;    ///< 0: the whole file is the record, the message is "file: reason"
    std::string reason;  ///< a substring of the reason ("" = any reason)
};

struct Scenario {
    std::vector<std::string> paths;              ///< arguments; empty = the corpus directory
    std::vector<ExpectedRejection> rejected;
    std::vector<Good> good;                      ///< indexed and searchable by their marker
    std::vector<std::string> absent_ids;         ///< ids of bad records: no document may hold them
};

using ScenarioBuilder = std::function<Scenario(const TempDir&, const std::string& corpus)>;

struct ScenarioRow {
    const char* name;
    ScenarioBuilder build;
};

/// corpus/lot.jsonl = good line, `bad` line, good line (unless `last`: the bad line ends the file);
/// line 2 rejected with `reason`, `bad_id` (when given) in no document.
ScenarioRow jsonl_row(const char* name, std::string bad, std::string reason, std::string bad_id = {},
                      bool last = false);
/// corpus/<file_name> holds `content` (one whole-file record), corpus/autres.jsonl two good articles;
/// the file rejected at `line` (0: the whole file) with `reason` unless both are empty.
ScenarioRow file_row(const char* name, std::string file_name, std::string content, std::size_t line,
                     std::string reason);
/// A file that must be accepted (the control cases next to the bad ones), found by `marker`; `id`
/// "" = its path.
ScenarioRow accepted_file_row(const char* name, std::string file_name, std::string content, std::string marker,
                              std::string id = {});

/// `ascii` as UTF-16 little-endian, with a byte-order mark when `bom`.
std::string utf16le(const std::string& ascii, bool bom);
/// `ascii` as UTF-16 big-endian, without a byte-order mark.
std::string utf16be(const std::string& ascii);
/// `size` bytes of a PNG header and pseudo-random bytes (the same for every run).
std::string binary_blob(std::size_t size);
/// An RSS 2.0 document around `items`.
std::string rss(const std::string& items);
/// One RSS <item> dated 12 July 2025.
std::string rss_item(const std::string& guid, const std::string& title, const std::string& text);

/// dir/corpus, created.
std::string make_corpus_dir(const TempDir& dir);
/// Runs veille-index --json on the scenario and checks every promise for it: exit code, one stderr
/// line per bad record, the summary's counts, the good articles searchable (Catch2 checks).
void check_scenario(const TempDir& dir, const std::string& corpus, const Scenario& s, const Limits& limits = {});
/// Each row in its own DYNAMIC_SECTION, in a fresh TempDir.
void check_rows(const std::vector<ScenarioRow>& rows);

}  // namespace veille::test
