// french_articles.cpp — the texts are written here; the towns are real.
#include "tests/support/french_articles.hpp"

#include <iterator>

#include <nlohmann/json.hpp>

namespace veille::test {

namespace {

const char* const kTowns[] = {"Quimper",  "Besançon", "Perpignan", "Dunkerque", "Biarritz", "Colmar",
                              "Annecy",   "Lorient",  "Limoges",   "Poitiers",  "Angoulême", "Valence",
                              "Chambéry", "Bayonne",  "Cherbourg", "Périgueux"};

}  // namespace

std::string good_json(const std::string& id, int town) {
    const std::string t = kTowns[town % std::size(kTowns)];
    return nlohmann::json{{"id", id},
                          {"title", "À " + t + ", une jeune pousse lance un cloud souverain"},
                          {"body", "La start-up installée à " + t +
                                       " promet d'héberger les données des collectivités en France. Son "
                                       "fondateur vise quarante clients d'ici la fin de l'année et recrute des "
                                       "ingénieurs en cybersécurité."},
                          {"date", "2025-06-1" + std::to_string(town % 10)},
                          {"source", "Veille Tech"}}
        .dump();
}

Good good(const std::string& id, int town) { return {id, kTowns[town % std::size(kTowns)]}; }

std::string french_paragraph(int n) {
    static const char* const kSentences[] = {
        "Le gouvernement a présenté sa stratégie pour l'intelligence artificielle générative.",
        "Les opérateurs télécoms accélèrent le déploiement de la fibre optique dans les zones rurales.",
        "Une faille de sécurité touche des milliers de routeurs vendus en Europe.",
        "La CNIL rappelle les règles du RGPD aux éditeurs de logiciels de santé.",
        "Le marché des semi-conducteurs se redresse après deux années difficiles.",
        "Les collectivités migrent leurs messageries vers un hébergement souverain.",
    };
    std::string text;
    for (int i = 0; i < n; ++i) text += std::string(kSentences[i % std::size(kSentences)]) + " ";
    return text;
}

// ---------------------------------------------------------------------------------------------

}  // namespace veille::test
