// name_candidates_test.cpp — capitalised names no company covers, as --explain lists them: a table of
// French sentences with the names a reader would check, and why.
#include <catch2/catch.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/name_candidates.hpp"

namespace {

std::vector<std::string> candidates_of(const std::string& text) {
    const auto tokens = veille::Analyzer::standard().analyze(text);
    const auto mentions = veille::Gazetteer::standard()->find(tokens, text);
    return veille::name_candidates(text, tokens, mentions);
}

}  // namespace

TEST_CASE("name candidates: capitalised runs no company mention covers", "[extract][companies]") {
    struct Case {
        const char* text;
        std::vector<std::string> expected;
        const char* reason;
    };
    const Case cases[] = {
        {"En cause, la société suisse qui gère ce service : Fink Telecom.", {"Fink Telecom"},
         "a company the gazetteer lacks, after a colon"},
        {"Eritaj Studio présente une plateforme de jeux.", {"Eritaj Studio"},
         "two capitalised words at the start of a sentence are a name"},
        {"Le lobbyiste Jean-Pierre Duthion a convaincu le député.", {"Jean-Pierre Duthion"},
         "a hyphen joins a first name"},
        {"Selon Jean-Pierre Duthion, le projet avance.", {"Selon Jean-Pierre Duthion"},
         "known limit: a sentence's first word joins the name that follows it"},
        {"Microsoft et OpenAI sont poursuivis par le journal.", {},
         "known companies are mentions, not candidates"},
        {"Demain, Nvidia publiera ses comptes. Les analystes attendent.", {},
         "a known company; « Les » opens a sentence"},
        {"Le rover décollera en septembre.", {}, "one capitalised word opening a sentence is not a name"},
        {"La mission part de Kourou avec Arianespace et la start-up Legalstart.", {"Kourou", "Legalstart"},
         "places come too: the list is for a reader to sort"},
        {"Il a parlé à Paris, puis à Paris encore.", {"Paris"}, "each name once"},
        {"La fonction X de l'appareil, selon le docteur Dupont.", {"Dupont"},
         "single letters (and the ambiguous « X », a mention) are left out"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.reason << ": " << c.text) { CHECK(candidates_of(c.text) == c.expected); }
    }
}
