// fuzz_query.cpp — libFuzzer target: any bytes through veille::QueryParser, built as searcher/match/engine.cpp
// builds it. Lenient: every input parses. Strict: QueryError and UsageError are the expected answers
// to bad queries; anything else is a bug.
#include "searcher/query/query_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"
#include "searcher/query/synonyms.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const veille::QueryParser parser(veille::Analyzer::standard(), veille::Gazetteer::standard(),
                                            veille::Taxonomy::standard(), veille::Synonyms::standard(),
                                            veille::QueryWeights{});
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // Read leniently, no text is an error: any QueryError is a bug.
    try {
        const veille::ParsedQuery q = parser.parse(text);
        (void)q.full().get_description();
        if (q.notices.size() > 10) __builtin_trap();
        // Date words (« depuis janvier ») leave the text and come back as date: values, which must parse.
        const veille::ParsedQuery dated = parser.parse(text, {}, false, nullptr, veille::Date{2026, 12, 4});
        (void)dated.full().get_description();
        if (dated.notices.size() > 10) __builtin_trap();
    } catch (const veille::QueryError&) {
        __builtin_trap();
    }
    try {
        const veille::ParsedQuery q = parser.parse(text, {}, /*strict=*/true);
        (void)q.full().get_description();
        (void)q.full("company").get_description();
        (void)q.filters.describe();
    } catch (const veille::QueryError& e) {
        // The column points into the query (1-based, one past the end at most).
        if (e.column() > size + 1) __builtin_trap();
    } catch (const veille::UsageError&) {
    }
    // A filter given with --filter goes through the same field parsers.
    const auto colon = text.find(':');
    if (colon != std::string_view::npos && colon > 0) {
        try {
            (void)parser.parse("", {std::string(text)});
        } catch (const veille::QueryError&) {
        } catch (const veille::UsageError&) {
        }
    }
    return 0;
}
