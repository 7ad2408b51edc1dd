// gazetteer_test.cpp — company names in real French sentences: elisions, aliases, ambiguous names in and out of context.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "common/extract/gazetteer.hpp"

using veille::Analyzer;
using veille::Gazetteer;

namespace {

std::vector<std::string> companies_in(const std::string& text) {
    const auto tokens = Analyzer::standard().analyze(text);
    return Gazetteer::standard()->companies(tokens, text);
}

struct Case {
    const char* text;
    std::vector<std::string> expected;  // in order of first mention
    const char* note;
};

// « d'OpenAI », « l’OpenAI », « openai » all count; ambiguous names only in a company context.
const std::vector<Case> kCases = {
    {"Sam Altman, le PDG d'OpenAI, a annoncé un nouveau modèle.", {"OpenAI"}, "elision d'"},
    {"Le nouveau modèle d’OpenAI sera disponible en juillet.", {"OpenAI"}, "typographic apostrophe"},
    {"L'OpenAI de Sam Altman prépare une version gratuite.", {"OpenAI"}, "elision l'"},
    {"les chercheurs d'openai publient leurs travaux", {"OpenAI"}, "lower case, unambiguous name"},
    {"OPENAI DÉVOILE GPT-5 À SAN FRANCISCO", {"OpenAI"}, "capitals"},
    {"La start-up Mistral AI a levé 600 millions d'euros.", {"Mistral AI"}, "multi-word name"},
    {"Mistral a présenté Le Chat, son assistant conversationnel.", {"Mistral AI"}, "ambiguous alias, verb cue"},
    {"Le mistral souffle fort sur la Provence depuis mardi.", {}, "the wind, lower case"},
    {"Facebook a été rebaptisé Meta en 2021.", {"Meta"}, "alias confirms the ambiguous canonical"},
    {"Le groupe Meta investit massivement dans le métavers.", {"Meta"}, "cue noun before"},
    {"Chez Meta, Yann LeCun dirige la recherche fondamentale.", {"Meta"}, "stop word cue « chez »"},
    {"Elon Musk a racheté Twitter, devenu X depuis.", {"X"}, "former name confirms X"},
    {"Le message a été publié sur X par le ministre.", {"X"}, "context word"},
    {"Les rayons X permettent de voir à travers la matière.", {}, "letter inside a protected term"},
    {"La Xbox Series X reste la console la plus puissante de Microsoft.", {"Microsoft"}, "letter inside a product"},
    {"Le scénario X est le plus pessimiste selon les analystes.", {}, "a letter, no company context"},
    {"Amazon a investi dans la société X-energy.", {"Amazon", "X-energy"}, "hyphenated name is not X"},
    {"Orange a annoncé une hausse de ses forfaits mobiles.", {"Orange"}, "verb cue after"},
    {"L'opérateur Orange déploie la fibre dans les Hauts-de-France.", {"Orange"}, "cue noun before"},
    {"Une lumière orange clignote sur le tableau de bord.", {}, "the colour, lower case"},
    {"Orange, la couleur de l'année, s'affiche partout dans la mode.", {}, "capitalised colour at sentence start"},
    {"Free lance une offre 5G à 9,99 euros par mois.", {"Iliad"}, "ambiguous alias of Iliad"},
    {"Xavier Niel, fondateur de Free, détient la majorité d'Iliad.", {"Iliad"}, "alias and canonical together"},
    {"Ce logiciel est free and open source.", {}, "English word, lower case"},
    {"Free, SFR et Bouygues Telecom contestent la décision de l'Arcep.", {"Iliad", "SFR", "Bouygues Telecom"},
     "enumeration with unambiguous names"},
    {"Apple a présenté l'iPhone 16 à Cupertino.", {"Apple"}, "verb cue, product context"},
    {"Le PDG d'Apple, Tim Cook, était présent à la conférence.", {"Apple"}, "cue « PDG » across an elision"},
    {"C'est dans la « Big Apple » que Samsung avait donné rendez-vous.", {"Samsung"}, "New York, not Apple"},
    {"Nvidia a dépassé Apple en franchissant les 3 000 milliards de dollars.", {"Nvidia", "Apple"},
     "business words in the sentence"},
    {"Bleu, la coentreprise d'Orange et de Capgemini, obtient la qualification SecNumCloud.",
     {"Bleu", "Orange", "Capgemini"}, "ambiguous joint venture"},
    {"Le ciel est bleu au-dessus de Paris ce matin.", {}, "the colour"},
    {"Google et Microsoft dominent le marché de la publicité.", {"Google", "Microsoft"}, "plain names"},
    {"Alphabet, la maison mère de Google, publie ses résultats trimestriels.", {"Google"}, "alias of Google"},
    {"L'alphabet latin compte vingt-six lettres.", {}, "the common noun"},
    {"Amazon Web Services ouvre une nouvelle région en France.", {"Amazon"}, "multi-word alias"},
    {"AWS et Azure se disputent les clients européens.", {"Amazon"}, "acronym alias"},
    {"Dassault Systemes présente ses résultats, Dassault Systèmes confirme ses objectifs.", {"Dassault Systèmes"},
     "accents optional"},
    {"Les puces de TSMC sont gravées en 3 nanomètres.", {"TSMC"}, "acronym"},
    {"ASML livre ses machines de lithographie EUV à Intel.", {"ASML", "Intel"}, "two names"},
    {"Le rachat de VMware par Broadcom est bouclé.", {"VMware", "Broadcom"}, "order of first mention"},
    {"Hugging Face héberge désormais les modèles de Kyutai.", {"Hugging Face", "Kyutai"}, "multi-word and single"},
    {"La start-up française H lève 220 millions de dollars.", {"H Company"}, "single-letter name with a cue"},
    {"La bombe H et l'heure H n'ont rien à voir avec l'informatique.", {}, "single letter, no context"},
    {"Alice & Bob construit un ordinateur quantique à Paris.", {"Alice & Bob"}, "ampersand in a name"},
    {"La société Alice and Bob a levé des fonds.", {"Alice & Bob"}, "alias spelled out"},
    {"Canal+ rachète le sud-africain MultiChoice.", {"Canal+"}, "symbol kept by the check"},
    {"Le canal de Suez est de nouveau ouvert.", {}, "« canal » without « + »"},
    {"Arm conçoit l'architecture des processeurs de Qualcomm.", {"Arm", "Qualcomm"}, "ambiguous Arm with context"},
    {"Les Snapdragon X Elite de Qualcomm équipent les PC Copilot+.", {"Qualcomm"}, "chip name, not X"},
    {"macOS Sequoia apporte de nouvelles fonctions aux Mac.", {}, "name inside a product"},
    {"Sequoia mène le tour de table aux côtés d'Index Ventures.", {"Sequoia Capital", "Index Ventures"},
     "ambiguous fund with context"},
    {"Le séquoia géant est l'arbre le plus haut du monde.", {}, "the tree"},
    {"Samsung Electronics et SK Hynix dominent la mémoire HBM.", {"Samsung", "SK Hynix"}, "alias, two words"},
    {"Altice France, propriétaire de SFR, rejette l'offre des trois opérateurs.", {"Altice France", "SFR"},
     "longest name wins"},
    {"Il a choisi la date au pif, sans vérifier.", {}, "French slang, not the fund"},
    {"Le PIF saoudien rachète Electronic Arts pour 55 milliards de dollars.", {"PIF", "Electronic Arts"},
     "ambiguous acronym in capitals"},
    {"Les salariés de Doctolib et de Qonto ont été consultés.", {"Doctolib", "Qonto"}, "French start-ups"},
};

}  // namespace

TEST_CASE("gazetteer finds companies in French sentences", "[common][extract][gazetteer]") {
    REQUIRE(kCases.size() >= 40);
    for (std::size_t i = 0; i < kCases.size(); ++i) {
        const Case& c = kCases[i];
        DYNAMIC_SECTION("case " << i + 1 << ": " << c.note) {
            INFO(c.text);
            CHECK(companies_in(c.text) == c.expected);
        }
    }
}

TEST_CASE("gazetteer mentions carry spans and the rule that counted them", "[common][extract][gazetteer]") {
    const std::string text = "Le PDG d’OpenAI a répondu sur X (anciennement Twitter).";
    const auto tokens = Analyzer::standard().analyze(text);
    const auto mentions = Gazetteer::standard()->find(tokens, text);
    REQUIRE(mentions.size() == 3);
    CHECK(mentions[0].company == "OpenAI");
    CHECK(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) == "OpenAI");
    CHECK(mentions[0].rule == "name");
    CHECK(mentions[1].company == "X");
    CHECK(mentions[1].ambiguous);
    CHECK(mentions[1].counted);
    CHECK(mentions[1].rule == "with «Twitter» in the article");
    CHECK(mentions[2].surface == "Twitter");
}

TEST_CASE("gazetteer reports ambiguous names it left out", "[common][extract][gazetteer]") {
    const std::string text = "Le scénario X reste le plus probable.";
    const auto tokens = Analyzer::standard().analyze(text);
    const auto mentions = Gazetteer::standard()->find(tokens, text);
    REQUIRE(mentions.size() == 1);
    CHECK_FALSE(mentions[0].counted);
    CHECK(mentions[0].rule == "no company context");
}

TEST_CASE("gazetteer judges title and body together", "[common][extract][gazetteer]") {
    // « Free » in the title is confirmed by « Iliad » in the body (one sense per discourse).
    const std::string title = "Free augmente ses prix";
    const std::string body = "Le groupe Iliad a confirmé la hausse mardi.";
    const auto t = Analyzer::standard().analyze(title);
    const auto b = Analyzer::standard().analyze(body);
    const auto mentions = Gazetteer::standard()->find({{title, &t}, {body, &b}});
    REQUIRE(mentions.size() == 2);
    CHECK(mentions[0].part == 0);
    CHECK(mentions[0].company == "Iliad");
    CHECK(mentions[0].counted);
    CHECK(mentions[1].part == 1);
}

TEST_CASE("gazetteer maps user-typed names to canonical names", "[common][extract][gazetteer]") {
    const auto& g = *Gazetteer::standard();
    const std::vector<std::pair<std::string, std::string>> table = {
        {"facebook", "Meta"}, {"OPENAI", "OpenAI"}, {"free", "Iliad"}, {"Twitter", "X"},
        {"dassault systemes", "Dassault Systèmes"}, {"aws", "Amazon"}, {"Mistral", "Mistral AI"},
        {"mistral ai", "Mistral AI"}, {"Alphabet", "Google"}, {"l'oréal", "L'Oréal"},
    };
    for (const auto& [typed, canonical] : table) {
        INFO(typed);
        const std::string* found = g.canonical(typed);
        REQUIRE(found != nullptr);
        CHECK(*found == canonical);
    }
    CHECK(g.canonical("entreprise inconnue") == nullptr);
}

TEST_CASE("gazetteer data is large enough", "[common][extract][gazetteer]") {
    const auto& g = *Gazetteer::standard();
    CHECK(g.company_names().size() >= 220);
    CHECK(g.name_count() > g.company_names().size());
}

TEST_CASE("gazetteer from an override file", "[common][extract][gazetteer]") {
    const Gazetteer g("Acme Robotique\tAcme\t0\t\nPomme\tPomme\t1\tordinateurs|Macintosh\n", "test.tsv",
                      Analyzer::standard());
    CHECK(g.company_names() == std::vector<std::string>{"Acme Robotique", "Pomme"});
    const std::string text = "Acme vend des robots. Pomme vend des ordinateurs. Une pomme tombe.";
    const auto tokens = Analyzer::standard().analyze(text);
    CHECK(g.companies(tokens, text) == std::vector<std::string>{"Acme Robotique", "Pomme"});
    CHECK_THROWS_AS(Gazetteer("Acme\t\tmaybe\t\n", "bad.tsv", Analyzer::standard()), veille::InputError);
}
