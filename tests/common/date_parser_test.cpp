// date_parser_test.cpp — metadata, prose and query dates: golden tables of real French forms.
#include "common/extract/date_parser.hpp"

#include <catch2/catch.hpp>

#include <string>

using veille::Date;

namespace {

struct Case {
    const char* input;
    const char* expected;  // Date::iso(), or "" when no date must be found
};

std::string iso_or_empty(const std::optional<Date>& d) { return d ? d->iso() : std::string(); }

}  // namespace

TEST_CASE("parse_metadata_date reads ISO, RFC 822 and French forms", "[common][dates]") {
    const Case cases[] = {
        // ISO 8601 / RFC 3339
        {"2025-07-12", "2025-07-12"},
        {"2025-07-12T08:30:00+02:00", "2025-07-12"},
        {"2025-07-12T08:30Z", "2025-07-12"},
        {"2025-07-12T23:59:59.123456-05:00", "2025-07-12"},  // never shifted to UTC
        {"2025-07-12 08:30:00", "2025-07-12"},
        {"2025-07-12t08:30:00z", "2025-07-12"},
        {"  2025-07-12\n", "2025-07-12"},
        {"2025-07", "2025-07"},
        {"2025", "2025"},
        {"20250712", "2025-07-12"},
        {"20250712T083000Z", "2025-07-12"},
        {"2025/07/12", "2025-07-12"},
        {"2024-02-29", "2024-02-29"},
        // RFC 822 / 1123 / 850
        {"Sat, 12 Jul 2025 08:30:00 +0200", "2025-07-12"},
        {"Sat, 12 Jul 2025 08:30:00 GMT", "2025-07-12"},
        {"12 Jul 2025 08:30 EST", "2025-07-12"},
        {"Tue, 1 Apr 25 23:00:00 +0000", "2025-04-01"},
        {"Sun, 31 Dec 99 12:00:00 PST", "1999-12-31"},
        {"Saturday, 12-Jul-25 08:30:00 GMT", "2025-07-12"},
        {"Sat, 12 Jul 2025 08:30:00 +0200 (CEST)", "2025-07-12"},
        {"July 12, 2025", "2025-07-12"},
        {"sam., 12 juil. 2025 08:30:00 +0200", "2025-07-12"},
        // French numeric
        {"12/07/2025", "2025-07-12"},
        {"12.07.2025", "2025-07-12"},
        {"12-07-2025", "2025-07-12"},
        {"1/8/2025", "2025-08-01"},
        {"12/07/25", "2025-07-12"},
        {"12/07/2025 08h30", "2025-07-12"},
        // French text
        {"12 juillet 2025", "2025-07-12"},
        {"1er août 2025", "2025-08-01"},
        {"1er aout 2025", "2025-08-01"},
        {"1ᵉʳ août 2025", "2025-08-01"},
        {"Mardi 3 septembre 2024", "2024-09-03"},
        {"le 3 sept. 2024", "2024-09-03"},
        {"12 JUILLET 2025", "2025-07-12"},
        {"25 décembre 2024 à 18:00", "2024-12-25"},
        {"12\u00a0juillet\u00a02025", "2025-07-12"},  // NBSP from a CMS
        {"juillet 2025", "2025-07"},
        {"février 2024", "2024-02"},
        // not dates
        {"31/02/2025", ""},
        {"29/02/2025", ""},
        {"2025-02-30", ""},
        {"2025-13-01", ""},
        {"2025-00", ""},
        {"00/07/2025", ""},
        {"12 juillet", ""},
        {"demain", ""},
        {"", ""},
        {"2025-07-12 n'importe quoi", ""},
        {"2025-07-12T25:00", ""},
        {"Sat, 12 Foo 2025", ""},
        {"12/07/2025/3", ""},
        {"202507", ""},
        {"2025071299", ""},
        {"0000-00-00", ""},
        // fuzz_date: a 15-digit compact time overflowed int in the number reader (UBSan)
        {"20250712T083002507100Z", ""},
        {"12/07/1234567890123", ""},
    };
    for (const Case& c : cases) {
        DYNAMIC_SECTION("metadata: " << c.input) { CHECK(iso_or_empty(veille::parse_metadata_date(c.input)) == c.expected); }
    }
}

TEST_CASE("find_date_in_text finds the first publication-like date", "[common][dates]") {
    struct TextCase {
        const char* text;
        const char* expected;  // iso, or "" for none
        const char* span;      // the text the date covers
    };
    const TextCase cases[] = {
        {"Paris, le 12 juillet 2025 — Mistral AI a annoncé une levée de fonds.", "2025-07-12", "12 juillet 2025"},
        {"Le 1er août 2024, la CNIL a publié ses recommandations.", "2024-08-01", "1er août 2024"},
        {"Publié mardi 3 septembre 2024 à 10h", "2024-09-03", "mardi 3 septembre 2024"},
        {"Mis à jour le 3 sept. 2024", "2024-09-03", "3 sept. 2024"},
        {"La conférence du 15 aout 2023 a réuni 300 personnes.", "2023-08-15", "15 aout 2023"},
        {"Le 14 fevrier 2025, Free a lancé son offre.", "2025-02-14", "14 fevrier 2025"},
        {"LE 25 DÉCEMBRE 2024, RIEN NE S'EST PASSÉ", "2024-12-25", "25 DÉCEMBRE 2024"},
        {"le 25 decembre 2024", "2024-12-25", "25 decembre 2024"},
        {"Le 1ᵉʳ janvier 2025 marque l'entrée en vigueur de l'AI Act.", "2025-01-01", "1ᵉʳ janvier 2025"},
        {"Le\u00a012\u00a0juillet\u00a02025, OpenAI a publié un modèle.", "2025-07-12", "12\u00a0juillet\u00a02025"},
        {"Annonce du 12/07/2025 : Orange investit.", "2025-07-12", "12/07/2025"},
        {"Mise à jour 2025-03-04 par la rédaction", "2025-03-04", "2025-03-04"},
        {"Lancé en juillet 2025, le service a été ouvert le 2 septembre 2025.", "2025-09-02", "2 septembre 2025"},
        {"Lancé en juillet 2025, le service compte déjà un million d'inscrits.", "2025-07", "juillet 2025"},
        {"Les résultats de mars 2024 sont en hausse.", "2024-03", "mars 2024"},
        {"Mardi 3 septembre, Apple a présenté l'iPhone, attendu depuis 2024.", "2024-09-03", "Mardi 3 septembre"},
        {"Du 12 au 14 juin 2025, VivaTech accueille les start-up.", "2025-06-14", "14 juin 2025"},
        {"Le 31 février 2025 n'existe pas, mais le 28 février 2025 oui.", "2025-02-28", "28 février 2025"},
        {"Le 12 juillet 1985, rien ; le 13 juillet 2025, tout.", "2025-07-13", "13 juillet 2025"},
        {"Un modèle de 7 milliards de paramètres.", "", ""},
        {"Il faisait 3,12 juillet oblige.", "", ""},
        {"Le 12 juillet 2150, peut-être.", "", ""},
        {"Le 3 mai sans année ni contexte.", "", ""},
        {"Version 1.12.2024.3 publiée", "", ""},
        {"", "", ""},
    };
    for (const TextCase& c : cases) {
        DYNAMIC_SECTION("text: " << c.text) {
            const auto found = veille::find_date_in_text(c.text);
            CHECK(iso_or_empty(found ? std::optional(found->date) : std::nullopt) == c.expected);
            if (found) CHECK(std::string(c.text).substr(found->begin, found->end - found->begin) == c.span);
        }
    }
}

TEST_CASE("find_date_in_text takes a missing year from the context", "[common][dates]") {
    const auto with_context = veille::find_date_in_text("Mardi 3 septembre, le salon ouvre ses portes.", 2024);
    REQUIRE(with_context);
    CHECK(with_context->date == Date{2024, 9, 3});
    // The nearest written year wins over a farther one.
    const auto nearest = veille::find_date_in_text("Rapport 2019 : voir plus loin. Le salon du 3 mai s'est tenu en 2025.");
    REQUIRE(nearest);
    CHECK(nearest->date.iso() == "2025-05-03");
    // 29 February only exists in leap years.
    CHECK_FALSE(veille::find_date_in_text("Le 29 février, rien.", 2025));
    CHECK(veille::find_date_in_text("Le 29 février, rien.", 2024)->date.iso() == "2024-02-29");
}

TEST_CASE("find_date_in_text survives hostile bytes", "[common][dates]") {
    const std::string nul_inside("Le 12\0juillet 2025 puis le 13 juillet 2025", 43);
    CHECK(veille::find_date_in_text(nul_inside)->date.iso() == "2025-07-13");
    CHECK(veille::find_date_in_text("\xff\xfe le 12 juillet 2025 \xc3")->date.iso() == "2025-07-12");
    CHECK(veille::find_date_in_text("le 12 juill\xc3") == std::nullopt);
    CHECK(veille::find_date_in_text(std::string(100000, '9') + " juillet 2025")->date.iso() == "2025-07");
    CHECK_FALSE(veille::find_date_in_text(std::string(50000, '\xe2')));
}

TEST_CASE("parse_french_date reads whole query values", "[common][dates]") {
    const Case cases[] = {
        {"juillet 2025", "2025-07"},
        {"Juillet 2025", "2025-07"},
        {"12 juillet 2025", "2025-07-12"},
        {"le 1er août 2025", "2025-08-01"},
        {"en août 2025", "2025-08"},
        {"aout 2025", "2025-08"},
        {"2025", "2025"},
        {"2025-07", "2025-07"},
        {"12/07/2025", "2025-07-12"},
        {"sept. 2024", "2024-09"},
        {"juillet", ""},
        {"12 juillet", ""},
        {"juillet 2025 et août 2025", ""},
        {"l'été 2025", ""},
    };
    for (const Case& c : cases) {
        DYNAMIC_SECTION("query: " << c.input) { CHECK(iso_or_empty(veille::parse_french_date(c.input)) == c.expected); }
    }
}

TEST_CASE("french_month knows names and abbreviations", "[common][dates]") {
    CHECK(veille::french_month("Août") == 8);
    CHECK(veille::french_month("aout") == 8);
    CHECK(veille::french_month("sept.") == 9);
    CHECK(veille::french_month("DÉCEMBRE") == 12);
    CHECK(veille::french_month("février") == 2);
    CHECK(veille::french_month("july") == 0);
    CHECK(veille::french_month("") == 0);
}
