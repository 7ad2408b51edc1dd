// synonyms_test.cpp — query-time synonym groups looked up the way the query side forms its units.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "searcher/query/synonyms.hpp"

using veille::Synonyms;

namespace {

bool has(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

TEST_CASE("synonyms give the other members of a group", "[searcher][synonyms]") {
    const auto& s = *Synonyms::standard();
    const auto ia = s.alternatives("ia");
    CHECK(has(ia, "ai"));
    CHECK(has(ia, "intelligence artificielle"));
    CHECK_FALSE(has(ia, "ia"));
    CHECK(has(s.alternatives("intelligence artificielle"), "ia"));
    // Query units leave stop words out: « logiciel de rançon » arrives as « logiciel rancon ».
    const auto ransom = s.alternatives("logiciel rancon");
    CHECK(has(ransom, "rancongiciel"));
    CHECK(has(ransom, "ransomware"));
    CHECK(has(s.alternatives("ransomware"), "logiciel de rancon"));
    // A compound arrives whole (« start-up » → « startup »): its spelled-out twin is the same member.
    const auto startup = s.alternatives("startup");
    CHECK(has(startup, "jeune pousse"));
    CHECK_FALSE(has(s.alternatives("cyberattaque"), "cyber-attaque"));
    CHECK(has(s.alternatives("cyberattaque"), "attaque informatique"));
    CHECK(has(s.alternatives("cloud"), "informatique en nuage"));
    CHECK(s.alternatives("boulangerie").empty());
}

TEST_CASE("synonyms accept phrases not yet in query-unit form", "[searcher][synonyms]") {
    const auto& s = *Synonyms::standard();
    CHECK(has(s.alternatives("logiciel de rançon"), "ransomware"));
    CHECK(has(s.alternatives("L'IA"), "ai"));
}

TEST_CASE("synonym data has enough strict groups", "[searcher][synonyms]") {
    const auto& s = *Synonyms::standard();
    CHECK(s.group_count() >= 40);
    CHECK(s.max_words() >= 3);
    // Groups stay strict: a chip is not a processor, a buyout is not a merger.
    CHECK_FALSE(has(s.alternatives("puce"), "processeur"));
    CHECK_FALSE(has(s.alternatives("rachat"), "fusion"));
}

TEST_CASE("synonym files are checked", "[searcher][synonyms]") {
    const Synonyms s("# test\ncourriel|e-mail\n", "test.tsv", veille::Analyzer::standard());
    CHECK(s.group_count() == 1);
    CHECK(has(s.alternatives("courriel"), "e-mail"));
    CHECK(has(s.alternatives("email"), "courriel"));
    CHECK_THROWS_AS(Synonyms("courriel\n", "bad.tsv", veille::Analyzer::standard()), veille::InputError);
}
