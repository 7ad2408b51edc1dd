// snippets_test.cpp — passages and highlights of the original forms (l’IA, sécurités), on real French text.
#include "searcher/text/snippets.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "common/analysis/analyzer.hpp"
#include "searcher/request.hpp"

using veille::Analyzer;
using veille::HighlightTerms;
using veille::make_snippet;

namespace {

// The query side as the engine builds it: stems of non-stop words, whole forms of names and compounds.
HighlightTerms terms_of(std::string_view query) {
    HighlightTerms h;
    for (const auto& t : Analyzer::standard().analyze(query)) {
        if (t.stopword) continue;
        if (t.kind == veille::TokenKind::Word || t.kind == veille::TokenKind::Number)
            h.stems.insert(t.stem);
        else
            h.wholes.insert(t.folded);
    }
    return h;
}

std::string snippet(std::string_view text, std::string_view query, std::size_t window = 30) {
    return make_snippet(text, terms_of(query), Analyzer::standard(), window);
}

std::string marked(const std::string& word) { return veille::kMarkOpen + word + veille::kMarkClose; }

std::size_t count_marks(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += c == veille::kMarkOpen;
    return n;
}

const std::string kOrange =
    "Orange a détaillé mercredi les mesures prises après plusieurs tentatives d’intrusion visant son réseau. "
    "L’opérateur a multiplié les sécurités : double authentification obligatoire, segmentation des serveurs "
    "et surveillance continue.\n\nSelon la direction, aucune donnée de client n’a été dérobée. L’Agence "
    "nationale de la sécurité des systèmes d’information a été prévenue dès la première alerte.";

}  // namespace

TEST_CASE("snippets highlight the forms written in the article", "[searcher][snippets]") {
    struct Case {
        const char* text;
        const char* query;
        const char* expected;  // substring of the snippet, with [ ] for the markers
        const char* note;
    };
    const Case cases[] = {
        {"Selon le rapport, l’IA générative transforme les rédactions.", "ia", "l’[IA]", "elided article kept outside"},
        {"Selon le rapport, l'IA générative transforme les rédactions.", "IA", "l'[IA]", "straight apostrophe"},
        {"L’opérateur a multiplié les sécurités du réseau.", "securite", "[sécurités]", "accents and plural"},
        {"La Sécurité sociale publie ses comptes.", "sécurité", "La [Sécurité]", "capital letter, stop word left"},
        {"Le rachat d’OpenAI par personne n’est à l’ordre du jour.", "openai", "d’[OpenAI]", "elided name"},
        {"La start-up Mistral AI lève 600 millions d’euros.", "Mistral AI", "[Mistral AI]", "protected name whole"},
        {"Meta publie Llama 4 en open-source ce samedi.", "open-source", "[open-source]", "compound whole"},
        {"Les modèles d’intelligence artificielle progressent.", "intelligence artificielle",
         "d’[intelligence] [artificielle]", "two words"},
        {"Nvidia dépasse les 4 000 milliards de dollars.", "nvidia milliards", "[Nvidia] dépasse les 4 000 [milliards]",
         "two words apart"},
    };
    for (const Case& c : cases) {
        std::string expected = c.expected;
        for (char& ch : expected) {
            if (ch == '[') ch = veille::kMarkOpen;
            if (ch == ']') ch = veille::kMarkClose;
        }
        DYNAMIC_SECTION(c.note) {
            const std::string s = snippet(c.text, c.query);
            INFO(s);
            CHECK(s.find(expected) != std::string::npos);
        }
    }
}

TEST_CASE("snippets highlight every word of a prefix search", "[searcher][snippets]") {
    HighlightTerms terms;
    terms.prefixes.insert("intel");
    const std::string s = make_snippet("L’intelligence des agents intelligents d’Intel progresse.", terms,
                                       Analyzer::standard());
    INFO(s);
    CHECK(s.find("L’" + marked("intelligence")) != std::string::npos);
    CHECK(s.find(marked("intelligents")) != std::string::npos);
    CHECK(s.find("d’" + marked("Intel")) != std::string::npos);
}

TEST_CASE("snippets never highlight stop words", "[searcher][snippets]") {
    const std::string s = snippet(kOrange, "la sécurité de l’opérateur");
    INFO(s);
    CHECK(s.find(marked("la")) == std::string::npos);
    CHECK(s.find(marked("de")) == std::string::npos);
    CHECK(s.find(marked("sécurité")) != std::string::npos);
    // A query made of stop words only highlights nothing and shows the opening.
    const std::string only_stop = snippet(kOrange, "la de les");
    CHECK(count_marks(only_stop) == 0);
    CHECK(only_stop.rfind("Orange a détaillé", 0) == 0);
}

TEST_CASE("snippets choose two separate passages holding different words", "[searcher][snippets]") {
    std::string text = "Orange renforce son réseau mobile dans les Alpes. ";
    for (int i = 0; i < 12; ++i) text += "Les travaux concernent des antennes installées sur des pylônes existants. ";
    text += "Les rançongiciels restent la menace la plus redoutée par les opérateurs.";
    const std::string s = snippet(text, "orange rançongiciel", 12);
    INFO(s);
    CHECK(s.find(marked("Orange")) != std::string::npos);
    CHECK(s.find(marked("rançongiciels")) != std::string::npos);
    CHECK(s.find(" … ") != std::string::npos);
    // The first passage starts the text (no leading ellipsis); the second ends it (no trailing one).
    CHECK(s.rfind("Orange", 0) == std::string::npos);  // starts with the marker
    CHECK(s.rfind(marked("Orange"), 0) == 0);
    CHECK(!s.ends_with("…"));
    CHECK(s.size() < 400);
}

TEST_CASE("snippets cut at word boundaries with ellipses and one line", "[searcher][snippets]") {
    const std::string s = snippet(kOrange, "anssi agence", 8);
    INFO(s);
    CHECK(s.rfind("… ", 0) == 0);
    CHECK(s.find('\n') == std::string::npos);
    CHECK(s.find(marked("Agence")) != std::string::npos);
    CHECK(s.find("L’" + marked("Agence")) != std::string::npos);  // glued elision kept whole
}

TEST_CASE("snippets fall back to the opening when nothing matches", "[searcher][snippets]") {
    const std::string s = snippet(kOrange, "satellite", 10);
    CHECK(count_marks(s) == 0);
    CHECK(s.rfind("Orange a détaillé mercredi", 0) == 0);
    CHECK(s.ends_with(" …"));
    CHECK(make_snippet("", terms_of("orange"), Analyzer::standard()).empty());
}

TEST_CASE("snippets stay short and correct on a long article", "[searcher][snippets]") {
    std::string text;
    while (text.size() < 100'000) text += "Les opérateurs télécoms investissent dans la fibre et la 5G en région. ";
    text += "Au terme de l’enquête, la cybersécurité d’Orange est jugée solide.";
    const std::string s = snippet(text, "cybersécurité orange");
    INFO(s);
    CHECK(s.find(marked("cybersécurité")) != std::string::npos);
    CHECK(s.find("d’" + marked("Orange")) != std::string::npos);
    CHECK(s.size() < 600);
}

TEST_CASE("snippets of a long article find the passage holding every query word", "[searcher][snippets]") {
    // Long texts are analysed around the spot a quick scan picks: it must see accents, capitals and
    // hyphens the way the analyzer does, and prefer both words together over one word repeated.
    std::string text = "Le RÉSEAU régional de fibre progresse lentement dans les vallées. ";
    while (text.size() < 20'000) text += "Les collectivités financent le réseau, les opérateurs le déploient. ";
    text += "Enfin, la Sécurité des Réseaux d’entreprise passe par l’open-source, estime l’ANSSI. ";
    while (text.size() < 40'000) text += "Les chantiers de raccordement se poursuivent jusqu’en 2030. ";
    const std::string s = snippet(text, "securite reseaux opensource");
    INFO(s);
    CHECK(s.find(marked("Sécurité")) != std::string::npos);
    CHECK(s.find(marked("Réseaux")) != std::string::npos);
    CHECK(s.find(marked("open-source")) != std::string::npos);
    CHECK(s.rfind("… ", 0) == 0);  // the passage is not the opening
}

TEST_CASE("snippets find a word cut by the scan's block boundaries", "[searcher][snippets]") {
    // The scan folds 4 KiB, then 8 KiB more…: a word straddling a boundary must still be found.
    for (std::size_t at : {4090u, 4095u, 4096u, 12285u}) {
        std::string text;
        while (text.size() < at - 1) text += "Les opérateurs déploient la fibre. ";
        text.resize(at - 1);
        text += " Cybersécurité : l’Anssi alerte les hôpitaux. ";
        while (text.size() < 20'000) text += "Les opérateurs déploient la fibre. ";
        const std::string s = snippet(text, "cybersécurité");
        INFO("at " << at << ": " << s);
        CHECK(s.find(marked("Cybersécurité")) != std::string::npos);
    }
}

TEST_CASE("snippets survive hostile text", "[searcher][snippets]") {
    // Regression guard: marker bytes inside the article must not fake highlights; invalid UTF-8 is no crash.
    const std::string text = std::string("Orange \x02publie\x03 ses r\xC3\xA9sultats \xFF\xFE et ") + "sa s\xE9" + "curit\xC3\xA9.";
    const std::string s = snippet(text, "orange");
    CHECK(count_marks(s) == 1);
    CHECK(s.find(marked("Orange")) == 0);
    CHECK(snippet("\xFF\xFE\xFD", "orange").size() <= 3);
    CHECK(snippet("   \n\n  ", "orange").empty());
}
