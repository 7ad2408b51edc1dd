// story_pairs_test.cpp — precision and recall of the story rule over the labelled pairs of
// tests/data/story_pairs.tsv, on the signatures veille-index stores for the bundled corpus (issue 18).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>

#include <xapian.h>

#include "common/date.hpp"
#include "common/schema.hpp"
#include "common/story/story_signature.hpp"
#include "tests/support/corpus_db.hpp"
#include "tests/support/golden_table.hpp"
#include "tests/support/run_binary.hpp"

namespace {

std::optional<veille::StorySignature> stored(const Xapian::Database& db, const std::string& id) {
    const std::string term = veille::id_term(id);
    const auto p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) FAIL("no article " << id << " in the corpus database");
    const Xapian::Document doc = db.get_document(*p);
    return veille::StorySignature::decode(doc.get_value(veille::slot::kStorySignature));
}

struct Tally {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    void add(bool predicted, bool expected) {
        if (predicted && expected) ++tp;
        else if (predicted) ++fp;
        else if (expected) ++fn;
        else ++tn;
    }
    [[nodiscard]] double precision() const { return tp + fp ? double(tp) / (tp + fp) : 1.0; }
    [[nodiscard]] double recall() const { return tp + fn ? double(tp) / (tp + fn) : 1.0; }
};

}  // namespace

TEST_CASE("story detector: precision and recall over the labelled pairs", "[story]") {
    const Xapian::Database db(veille::test::corpus_db());
    const auto rows = veille::test::read_golden_table(veille::test::test_data("story_pairs.tsv"));
    REQUIRE(rows.size() >= 100);
    Tally pairs;
    std::ostringstream misses;
    int same = 0, hard = 0;
    double least_same = 1, most_same = 0, most_different = 0;  // estimated Jaccard: the margin around kStoryMinJaccard
    for (const auto& row : rows) {
        std::istringstream ids(row.input);
        std::string a_id, b_id;
        ids >> a_id >> b_id;
        INFO("story_pairs.tsv:" << row.line << ": " << row.input);
        REQUIRE((row.expected == "same" || row.expected == "different"));
        const bool expected = row.expected == "same";
        same += expected;
        hard += row.note.rfind("hard:", 0) == 0;
        const auto a = stored(db, a_id), b = stored(db, b_id);
        // The rule a search folds its results with.
        const bool predicted = a && b && veille::same_story(*a, *b);
        pairs.add(predicted, expected);
        if (expected && a && b)
            least_same = std::min(least_same, veille::estimated_jaccard(*a, *b)),
            most_same = std::max(most_same, veille::estimated_jaccard(*a, *b));
        if (!expected && a && b && std::labs(long{a->day} - long{b->day}) <= veille::kStoryWindowDays)
            most_different = std::max(most_different, veille::estimated_jaccard(*a, *b));
        if (predicted != expected) {
            const double j = a && b ? veille::estimated_jaccard(*a, *b) : -1;
            misses << "  " << row.input << " (" << row.expected << ", estimated Jaccard " << j << "): " << row.note << '\n';
        }
    }
    // The figures, for the README and the close note.
    std::printf("story pairs: %zu rows (%d same, %d hard negatives); pair rule: precision %.3f recall %.3f "
                "(tp %d fp %d fn %d); estimated Jaccard: same pairs %.3f to %.3f, "
                "different pairs within the window up to %.3f\n%s",
                rows.size(), same, hard, pairs.precision(), pairs.recall(), pairs.tp, pairs.fp, pairs.fn, least_same, most_same, most_different, misses.str().c_str());
    CHECK(same >= 15);
    CHECK(hard >= 15);
    CHECK(pairs.precision() >= 0.9);
    CHECK(pairs.recall() >= 0.85);
}

TEST_CASE("story signature: deterministic, and its estimate tracks the shared word pairs", "[story]") {
    const auto& analyzer = veille::Analyzer::standard();
    const auto sig = [&](const std::string& title, const std::string& body, const std::string& date = "2025-01-22",
                         const std::string& source = "Veille Tech") {
        veille::Article article;
        article.id = "x";
        article.title = title;
        article.body = body;
        article.date = veille::parse_iso_date(date);
        article.source = source;
        return veille::story_signature(article, analyzer.analyze(title), analyzer.analyze(body));
    };
    const std::string body =
        "Donald Trump a reçu à la Maison-Blanche Sam Altman, Masayoshi Son et Larry Ellison pour annoncer "
        "Stargate, une coentreprise qui doit construire des centres de données pour l'intelligence "
        "artificielle aux États-Unis, avec 100 milliards de dollars tout de suite et jusqu'à 500 milliards.";
    const auto a = sig("Stargate : 500 milliards de dollars", body);
    const auto again = sig("Stargate : 500 milliards de dollars", body);
    REQUIRE(a);
    REQUIRE(again);
    CHECK(a->values == again->values);  // no randomness
    CHECK(a->values.size() == veille::kStoryHashes);
    const auto decoded = veille::StorySignature::decode(a->encode());
    REQUIRE(decoded);
    CHECK((decoded->values == a->values && decoded->pairs == a->pairs && decoded->day == a->day &&
           decoded->outlet == a->outlet));
    CHECK_FALSE(veille::StorySignature::decode("abc"));
    CHECK(veille::estimated_jaccard(*a, *a) == 1.0);
    // Half the text changed: about half the word pairs shared (Jaccard ≈ 1/3).
    const auto half = sig("Stargate : 500 milliards de dollars",
                          body.substr(0, body.size() / 2) +
                              " Le Japonais SoftBank apporte les fonds, Oracle les serveurs et la start-up la technique; "
                              "le premier site ouvre au Texas, à Abilene, dans un ancien terrain agricole.");
    REQUIRE(half);
    const double j = veille::estimated_jaccard(*a, *half);
    CHECK(j > 0.15);
    CHECK(j < 0.6);
    // Too short to say anything: no signature.
    CHECK_FALSE(sig("Brève", "OpenAI recrute."));
    // Dates: the day must be known, and the window is kStoryWindowDays.
    CHECK_FALSE(sig("Stargate : 500 milliards de dollars", body, "2025-01"));
    const auto elsewhere = [&](const std::string& date, const std::string& source) {
        return *sig("Stargate : 500 milliards de dollars", body, date, source);
    };
    CHECK(veille::same_story(*a, elsewhere("2025-01-25", "L'Octet")));
    CHECK_FALSE(veille::same_story(*a, elsewhere("2025-01-26", "L'Octet")));
    CHECK(veille::same_story(elsewhere("2025-01-19", "L'Octet"), *a));
    // One outlet: never one story; an unknown outlet may be any other.
    CHECK_FALSE(veille::same_story(*a, elsewhere("2025-01-22", "Veille Tech")));
    CHECK(veille::same_story(*a, elsewhere("2025-01-22", "")));
    CHECK(veille::same_story(elsewhere("2025-01-22", ""), elsewhere("2025-01-22", "")));
}
