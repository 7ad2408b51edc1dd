// taxonomy_test.cpp — topics of short French articles, evidence, canonical names and the data file itself.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/data_files.hpp"
#include "common/error.hpp"
#include "common/extract/taxonomy.hpp"

using veille::Analyzer;
using veille::Taxonomy;

namespace {

std::vector<std::string> topics_of(const std::string& title, const std::string& body) {
    const auto& a = Analyzer::standard();
    std::vector<std::string> out;
    for (const auto& s : Taxonomy::standard()->classify(a.analyze(title), a.analyze(body))) out.push_back(s.topic);
    return out;
}

struct Case {
    const char* title;
    const char* body;
    const char* main;  // expected first topic
};

const std::vector<Case> kCases = {
    {"OpenAI dévoile un nouveau modèle de langage",
     "Le laboratoire présente un grand modèle de langage capable de raisonner. L'intelligence artificielle générative "
     "progresse vite et l'entraînement de ces modèles coûte cher.",
     "IA"},
    {"Meta publie les poids de son modèle sous licence libre",
     "Le code source et les poids ouverts sont téléchargeables sur GitHub. La communauté open source salue un modèle "
     "que chacun peut modifier.",
     "open source"},
    {"Un rançongiciel paralyse un hôpital",
     "Les pirates ont chiffré les serveurs après une cyberattaque. L'ANSSI enquête sur la faille exploitée par les "
     "cybercriminels.",
     "cybersécurité"},
    {"Le cloud souverain gagne des clients",
     "Les hébergeurs européens face aux hyperscalers : la qualification SecNumCloud devient un argument pour les "
     "offres d'informatique en nuage.",
     "cloud"},
    {"TSMC ouvre une usine de puces en Arizona",
     "Le fondeur taïwanais y gravera des semi-conducteurs en 4 nanomètres, avec des machines de lithographie EUV.",
     "semi-conducteurs"},
    {"L'Arcep attribue de nouvelles fréquences 5G",
     "Les opérateurs télécoms pourront étendre leur réseau mobile ; la fibre optique continue aussi son déploiement.",
     "télécoms"},
    {"Samsung présente un smartphone pliable",
     "Le nouveau téléphone Android haut de gamme concurrence l'iPhone avec un écran plus grand et un meilleur "
     "appareil photo.",
     "smartphones"},
    {"Nintendo annonce sa nouvelle console",
     "Les joueurs découvriront la Switch 2 ; le jeu vidéo reste le premier loisir culturel et les studios préparent "
     "leurs titres.",
     "jeux vidéo"},
    {"Bruxelles inflige une amende au titre du DMA",
     "La Commission européenne sanctionne un contrôleur d'accès pour abus de position dominante, en vertu du "
     "règlement sur les marchés numériques.",
     "régulation"},
    {"La start-up lève 100 millions d'euros en série B",
     "Le tour de table est mené par des fonds de capital-risque ; la valorisation de la jeune pousse dépasse le "
     "milliard, elle devient une licorne.",
     "levées de fonds"},
    {"Ariane 6 réussit son premier vol",
     "Le lanceur européen a placé plusieurs satellites en orbite depuis Kourou, sous l'égide de l'Agence spatiale "
     "européenne.",
     "spatial"},
    {"Les robotaxis arrivent à Paris",
     "Les véhicules autonomes et les voitures électriques transforment la mobilité urbaine, malgré le manque de "
     "bornes de recharge.",
     "mobilité"},
    {"Les centres de données consomment de plus en plus d'électricité",
     "La consommation électrique explose ; les exploitants signent des contrats avec des centrales nucléaires et "
     "des parcs solaires pour des gigawatts d'énergie.",
     "énergie"},
    {"TikTok et Instagram face aux influenceurs",
     "Les réseaux sociaux renforcent la modération des contenus et luttent contre la désinformation.",
     "réseaux sociaux"},
    {"La CNIL sanctionne la collecte de données personnelles",
     "Le RGPD impose le consentement des utilisateurs avant tout dépôt de cookies ; la vie privée des internautes "
     "doit être protégée.",
     "vie privée"},
    {"Un ordinateur quantique de 100 qubits",
     "L'informatique quantique progresse : la correction d'erreurs et l'intrication des qubits restent des défis.",
     "informatique quantique"},
    {"Broadcom finalise le rachat de VMware",
     "L'acquisition, d'un montant de 69 milliards de dollars, a reçu le feu vert des autorités de la concurrence.",
     "fusions-acquisitions"},
};

}  // namespace

TEST_CASE("taxonomy gives each article its main topic", "[common][extract][taxonomy]") {
    for (std::size_t i = 0; i < kCases.size(); ++i) {
        const Case& c = kCases[i];
        DYNAMIC_SECTION("case " << i + 1 << ": " << c.main) {
            INFO(c.title);
            const auto topics = topics_of(c.title, c.body);
            REQUIRE_FALSE(topics.empty());
            CHECK(topics.front() == c.main);
            CHECK(topics.size() <= Taxonomy::kMaxTopics);
        }
    }
}

TEST_CASE("taxonomy scores come with their evidence", "[common][extract][taxonomy]") {
    const auto& a = Analyzer::standard();
    const auto scores = Taxonomy::standard()->score(a.analyze("Les puces de Nvidia"),
                                                    a.analyze("Une puce, deux puces, trois puces gravées par TSMC."));
    REQUIRE_FALSE(scores.empty());
    CHECK(scores.front().topic == "semi-conducteurs");
    const auto& matches = scores.front().matches;
    const auto puce = std::find_if(matches.begin(), matches.end(), [](const auto& m) { return m.term == "puce"; });
    REQUIRE(puce != matches.end());
    CHECK(puce->title_count == 1);
    CHECK(puce->body_count == 3);  // « puce » and « puces »: inflections of one term
}

TEST_CASE("taxonomy tells inflections from derivations", "[common][extract][taxonomy]") {
    // Regression: Snowball stems « opération » and « opérateur » alike, which put merger news in télécoms.
    const auto& a = Analyzer::standard();
    for (const auto& s : Taxonomy::standard()->score({}, a.analyze("L'opération a été finalisée et le chiffre publié.")))
        for (const auto& m : s.matches) {
            CHECK(m.term != "opérateur");
            CHECK(m.term != "chiffrement");
        }
}

TEST_CASE("taxonomy weighs the title more and normalises by length", "[common][extract][taxonomy]") {
    const auto& a = Analyzer::standard();
    const auto& t = *Taxonomy::standard();
    auto score_of = [&](const std::string& title, const std::string& body) {
        const auto s = t.score(a.analyze(title), a.analyze(body));
        return s.empty() ? 0.0 : s.front().score;
    };
    CHECK(score_of("Cyberattaque", "Un texte.") > score_of("Un texte", "Cyberattaque."));
    std::string filler;
    for (int i = 0; i < 400; ++i) filler += " texte";
    CHECK(score_of("", "Cyberattaque." + filler) < score_of("", "Cyberattaque."));
    CHECK(t.classify({}, a.analyze("Un texte sans rapport avec la technologie.")).empty());
}

TEST_CASE("taxonomy maps user-typed topics to display names", "[common][extract][taxonomy]") {
    const auto& t = *Taxonomy::standard();
    const std::vector<std::pair<std::string, std::string>> table = {
        {"cybersecurite", "cybersécurité"}, {"Cybersécurité", "cybersécurité"}, {"jeux video", "jeux vidéo"},
        {"JEUX VIDÉO", "jeux vidéo"},       {"jeu vidéo", "jeux vidéo"},       {"ia", "IA"},
        {"Open-Source", "open source"},     {"fusions acquisitions", "fusions-acquisitions"},
        {"semi conducteurs", "semi-conducteurs"}, {"semiconducteurs", "semi-conducteurs"},
        {"telecoms", "télécoms"},           {"levée de fonds", "levées de fonds"},
    };
    for (const auto& [typed, display] : table) {
        INFO(typed);
        const std::string* found = t.canonical(typed);
        REQUIRE(found != nullptr);
        CHECK(*found == display);
    }
    CHECK(t.canonical("cuisine") == nullptr);
}

TEST_CASE("taxonomy data has the 17 topics with at least 15 terms each", "[common][extract][taxonomy]") {
    const auto& t = *Taxonomy::standard();
    const std::vector<std::string> expected = {
        "IA", "open source", "cybersécurité", "cloud", "semi-conducteurs", "télécoms", "smartphones", "jeux vidéo",
        "régulation", "levées de fonds", "spatial", "mobilité", "énergie", "réseaux sociaux", "vie privée",
        "informatique quantique", "fusions-acquisitions"};
    std::vector<std::string> topics = t.topics();
    std::sort(topics.begin(), topics.end());
    std::vector<std::string> sorted = expected;
    std::sort(sorted.begin(), sorted.end());
    CHECK(topics == sorted);
    std::map<std::string, int> rows;
    for (const auto& line : veille::parse_lines(veille::embedded_data("topics.tsv"))) ++rows[line.substr(0, line.find('\t'))];
    for (const auto& topic : expected) {
        INFO(topic);
        CHECK(rows[topic] >= 15);
    }
}

TEST_CASE("taxonomy override files are checked", "[common][extract][taxonomy]") {
    const Taxonomy t("jardinage\tsécateur\t3\njardinage\tpotager\t2\n", "test.tsv", Analyzer::standard());
    CHECK(t.topics() == std::vector<std::string>{"jardinage"});
    CHECK(t.term_count() == 2);
    const auto& a = Analyzer::standard();
    const auto chosen = t.classify(a.analyze("Le potager en été"), a.analyze("Sortez le sécateur."));
    REQUIRE(chosen.size() == 1);
    CHECK(chosen.front().topic == "jardinage");
    CHECK_THROWS_AS(Taxonomy("jardinage\tsécateur\tbeaucoup\n", "bad.tsv", Analyzer::standard()), veille::InputError);
    CHECK_THROWS_AS(Taxonomy("jardinage\tsécateur\n", "bad.tsv", Analyzer::standard()), veille::InputError);
}
