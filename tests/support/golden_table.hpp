// golden_table.hpp — the rows of a tests/data/*.tsv golden table: input<TAB>expected<TAB>note.
#pragma once
#include <catch2/catch.hpp>

#include <cstddef>
#include <fstream>
#include <string>
#include <vector>

namespace veille::test {

/// One row and its line number in the file.
struct GoldenRow {
    std::size_t line = 0;
    std::string input, expected, note;
};

/// The rows of `path`; '#' lines and blank lines are skipped, a row without two tabs fails the test.
inline std::vector<GoldenRow> read_golden_table(const std::string& path) {
    std::ifstream in(path);
    if (!in) FAIL("cannot read " << path);
    std::vector<GoldenRow> rows;
    std::string text;
    for (std::size_t line = 1; std::getline(in, text); ++line) {
        if (text.empty() || text[0] == '#') continue;
        const auto tab1 = text.find('\t');
        const auto tab2 = tab1 == std::string::npos ? std::string::npos : text.find('\t', tab1 + 1);
        if (tab2 == std::string::npos) FAIL(path << ":" << line << ": expected input<TAB>expected<TAB>note");
        rows.push_back({line, text.substr(0, tab1), text.substr(tab1 + 1, tab2 - tab1 - 1), text.substr(tab2 + 1)});
    }
    return rows;
}

}  // namespace veille::test
