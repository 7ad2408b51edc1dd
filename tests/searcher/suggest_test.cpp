// suggest_test.cpp — did-you-mean over the vocabulary of tests/data/mini.jsonl: typos fixed, accents
// restored, syntax kept as typed, hostile queries answered.
#include "searcher/text/suggest.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "common/analysis/analyzer.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

const Xapian::Database& mini_db() {
    static veille::test::TempDir dir;
    static const Xapian::Database db = [] {
        const auto r = veille::test::run_index({"--db", dir / "db", veille::test::test_data("mini.jsonl")});
        REQUIRE(r.exit_code == 0);
        return Xapian::Database(dir / "db");
    }();
    return db;
}

std::optional<std::string> suggest(const std::string& query) {
    return veille::suggest(mini_db(), query, veille::Analyzer::standard());
}

}  // namespace

TEST_CASE("suggestions fix typos and restore accents", "[searcher][suggest]") {
    struct Case {
        const char* query;
        const char* expected;  // nullptr: no suggestion
        const char* note;
    };
    const Case cases[] = {
        {"securiter", "sécurité", "unknown form, known stem; accents from the E terms"},
        {"opnai", "openai", "missing letter in a name"},
        {"inteligence artificiele", "intelligence artificielle", "two words, each fixed"},
        {"l’inteligence", "l’intelligence", "the elided article is kept as typed"},
        {"Securiter des réseaux", "Sécurité des réseaux", "capital kept, known words untouched"},
        {"SECURITER", "SÉCURITÉ", "all capitals kept"},
        {"company:opnai securiter", "company:opnai sécurité", "field values are not spell-checked"},
        {"intel* AND securiter", "intel* AND sécurité", "prefix searches and operators kept"},
        {"\"inteligence artificiele\"", "\"intelligence artificielle\"", "quotes kept"},
        {"satellite", nullptr, "a correct singular (only the plural is indexed) is left alone"},
        {"sécurité", nullptr, "known word"},
        {"securite", nullptr, "known word typed without accents"},
        {"Mistral AI", nullptr, "protected name"},
        {"la de les", nullptr, "stop words only"},
        {"", nullptr, "empty query"},
        {"zzzzzzzz", nullptr, "nothing close"},
    };
    for (const Case& c : cases) {
        DYNAMIC_SECTION(c.note) {
            const auto s = suggest(c.query);
            INFO("query: " << c.query << " → " << (s ? *s : "(none)"));
            if (c.expected) {
                REQUIRE(s.has_value());
                CHECK(*s == c.expected);
            } else {
                CHECK_FALSE(s.has_value());
            }
        }
    }
}

TEST_CASE("suggestions stay bounded on hostile queries", "[searcher][suggest]") {
    // Only the first 32 words are examined; the rest is copied as typed.
    std::string many;
    for (int i = 0; i < 10'000; ++i) many += "securiter ";
    const auto s = suggest(many);
    REQUIRE(s.has_value());
    CHECK(s->rfind("sécurité sécurité", 0) == 0);
    CHECK(s->find("securiter") != std::string::npos);

    // One endless « word », invalid UTF-8: answered, never thrown.
    CHECK_FALSE(suggest(std::string(1'000'000, 'a')).has_value());
    CHECK_NOTHROW(suggest("s\xC3 \xFF\xFE opn\xC3" "ai \xED\xA0\x80 securiter"));
    const auto broken = suggest("\xFF securiter \xFE");
    REQUIRE(broken.has_value());
    CHECK(*broken == "\xFF sécurité \xFE");
}
