// match_set_test.cpp — the counting query (match_set_only) matches exactly what the ranked query
// matches, on the bundled corpus, while reading fewer posting lists.
#include "searcher/match_set.hpp"

#include <catch2/catch.hpp>

#include <set>

#include "common/analysis/analyzer.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"
#include "searcher/query_parser.hpp"
#include "searcher/synonyms.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

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
    veille::test::TempDir tmp;
    REQUIRE(veille::test::run_index({"--db", tmp / "db", veille::test::source_file("corpus/articles.jsonl")}).exit_code == 0);
    const Xapian::Database db(tmp / "db");
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
    // The weight-only parts are gone: no title terms, no « every word » bonus.
    const Xapian::Query reduced = veille::match_set_only(parser.parse("cuivre rural abonnés").full());
    const std::string d = reduced.get_description();
    CHECK(d.find("ZS") == std::string::npos);
    CHECK(d.find(" AND ") == std::string::npos);
    CHECK(matches(db, reduced).size() > 0);
}
