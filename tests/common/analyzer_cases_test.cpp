// analyzer_cases_test.cpp — the golden table tests/data/analyzer_cases.tsv, one section per row.
#include "common/analysis/analyzer.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/golden_table.hpp"
#include "tests/support/run_binary.hpp"

using veille::Analyzer;
using veille::Token;
using veille::TokenKind;

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The table's escapes (see its header): \xHH, \t, \n, \\. Anything else is kept as written.
std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i];
            continue;
        }
        const char c = s[i + 1];
        if (c == 'x' && i + 3 < s.size() && hex_digit(s[i + 2]) >= 0 && hex_digit(s[i + 3]) >= 0) {
            out += static_cast<char>(hex_digit(s[i + 2]) * 16 + hex_digit(s[i + 3]));
            i += 3;
        } else if (c == 't' || c == 'n' || c == '\\') {
            out += c == 't' ? '\t' : c == 'n' ? '\n' : '\\';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The table's rows, inputs unescaped.
std::vector<veille::test::GoldenRow> read_table(const std::string& path) {
    auto rows = veille::test::read_golden_table(path);
    for (auto& row : rows) row.input = unescape(row.input);
    return rows;
}

// One token in the table's notation: folded[/stem][|exact], ~ stop word, # number, {compound}, [name].
std::string render(const Token& t) {
    std::string s = t.folded;
    if (t.stem != t.folded) s += "/" + t.stem;
    if (t.exact != t.folded) s += "|" + t.exact;
    switch (t.kind) {
        case TokenKind::Compound: return "{" + s + "}";
        case TokenKind::Name: return "[" + s + "]";
        case TokenKind::Number: s = "#" + s; break;
        case TokenKind::Word: break;
    }
    return t.stopword ? "~" + s : s;
}

std::string render(const std::vector<Token>& tokens) {
    std::string out;
    for (const Token& t : tokens) out += (out.empty() ? "" : " ") + render(t);
    return out.empty() ? "(none)" : out;
}

// Words and numbers are numbered 1, 2, 3…; a compound or name sits at the position of the token
// before it. Returns "" when the positions hold, else what is wrong.
std::string position_error(const std::vector<Token>& tokens) {
    std::uint32_t last_word = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        const bool word = t.kind == TokenKind::Word || t.kind == TokenKind::Number;
        if (word && t.position != last_word + 1)
            return "word '" + t.surface + "' at position " + std::to_string(t.position) + ", expected " +
                   std::to_string(last_word + 1);
        if (!word && (i == 0 || t.position != tokens[i - 1].position))
            return "compound/name '" + t.surface + "' at position " + std::to_string(t.position) +
                   " is not at its first part's position";
        if (word) last_word = t.position;
    }
    return {};
}

}  // namespace

TEST_CASE("analyzer golden table (tests/data/analyzer_cases.tsv)", "[common][analysis]") {
    const auto rows = read_table(veille::test::test_data("analyzer_cases.tsv"));
    REQUIRE(rows.size() >= 170);
    const Analyzer& analyzer = Analyzer::standard();
    for (const auto& row : rows) {
        DYNAMIC_SECTION("analyzer_cases.tsv:" << row.line) {
            INFO("input: " << row.input);
            INFO("note: " << row.note);
            const auto tokens = analyzer.analyze(row.input);
            CHECK(render(tokens) == row.expected);
            CHECK(position_error(tokens) == std::string());
        }
    }
}
