// match_set_test.cpp — the counting query (match_set_only) matches exactly what the ranked query
// matches, on the bundled corpus, while reading fewer posting lists; its bitmap (match_bitmap) holds
// exactly those documents.
#include "searcher/match/match_set.hpp"

#include <catch2/catch.hpp>

#include <set>

#include "common/analysis/analyzer.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"
#include "searcher/match/match_bitmap.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/query/synonyms.hpp"
#include "tests/support/corpus_db.hpp"

namespace {

std::set<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::set<Xapian::docid> out;
    const auto mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
    return out;
}

}  // namespace

TEST_CASE("the counting query matches what the ranked query matches", "[searcher][count]") {
    const Xapian::Database db(veille::test::corpus_db());
    const veille::QueryParser parser(veille::Analyzer::standard(), veille::Gazetteer::standard(),
                                     veille::Taxonomy::standard(), veille::Synonyms::standard(), {});
    for (const char* q : {"intelligence artificielle", "levée de fonds", "IA générative", "cloud souverain -Microsoft",
                          "title:Mistral", "puce* OR semi-conducteurs", "\"centres de données\" énergie",
                          "rançongiciel NOT hôpital", "company:Nvidia gravure", "Apple topic:ia date:2024",
                          "opensource", "l’Arcep et la 5G", ""}) {
        const Xapian::Query ranked = parser.parse(q).full();
        const Xapian::Query counted = veille::match_set_only(ranked);
        INFO("« " << q << " »: " << ranked.get_description() << "\n→ " << counted.get_description());
        CHECK(matches(db, counted) == matches(db, ranked));
    }
    // Word queries and filters are counted from a bitmap of their posting lists (synonyms' phrases
    // OR'ed in through the matcher): the same documents.
    for (const char* q : {"intelligence artificielle", "levée de fonds", "cloud souverain -Microsoft", "title:Mistral",
                          "rançongiciel NOT hôpital", "company:Nvidia gravure", "Apple topic:ia date:2024",
                          "company:Nvidia company:AMD", "date:2025-07", "(puces OR processeurs) AND gravure",
                          "opensource", "", "mot_absent_du_corpus"}) {
        const Xapian::Query counted = veille::match_set_only(parser.parse(q).full());
        INFO("« " << q << " »: " << counted.get_description());
        const auto bitmap = veille::match_bitmap(db, counted);
        REQUIRE(bitmap);
        std::set<Xapian::docid> in_bitmap;
        bitmap->each([&](Xapian::docid did) { in_bitmap.insert(did); });
        const auto expected = matches(db, counted);
        CHECK(in_bitmap == expected);
        CHECK(bitmap->count() == expected.size());
    }
    // Positions, value ranges and wildcards under an AND are left to the matcher.
    for (const char* q : {"\"centres de données\" AND énergie", "Nvidia NEAR TSMC company:Nvidia",
                          "puces date:2025-07-01..2025-07-15", "puce* company:Nvidia", "l’Arcep ET la 5G",
                          "cloud -cloud"}) {
        INFO("« " << q << " »: " << veille::match_set_only(parser.parse(q).full()).get_description());
        CHECK_FALSE(veille::match_bitmap(db, veille::match_set_only(parser.parse(q).full())));
    }

    // The weight-only parts are gone: no title terms, no « every word » bonus.
    const Xapian::Query reduced = veille::match_set_only(parser.parse("cuivre rural abonnés").full());
    const std::string d = reduced.get_description();
    CHECK(d.find("ZS") == std::string::npos);
    CHECK(d.find(" AND ") == std::string::npos);
    CHECK(matches(db, reduced).size() > 0);
}
