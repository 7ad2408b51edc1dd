// company_context.cpp — evidence that a capitalised ambiguous name is the company: cues next to it, context
// words nearby, business words in its sentence, enumerations, and one sense per article.
#include "common/extract/company_context.hpp"

#include <algorithm>
#include <map>

namespace veille {

namespace {

// How far (in words) a context word may sit from an ambiguous name. Two sentences of news prose:
// « Orange … ses abonnés » is typical, while a page-wide window would let « réseau social » three
// paragraphs away turn « la génération X » into the company.
constexpr std::uint32_t kContextWindow = 30;
// Stop words and modifiers skipped when looking for a cue right next to a name (« le géant américain Apple »).
constexpr int kMaxSkipped = 3;

// Nouns that put the next name in a company role: « l’opérateur Free », « PDG d’Apple », « chez Meta ».
constexpr std::string_view kBeforeCues[] = {
    "groupe", "société", "entreprise", "firme", "géant", "start-up", "startup", "jeune pousse", "filiale",
    "maison mère", "coentreprise", "opérateur", "constructeur", "fabricant", "éditeur", "fondeur",
    "plateforme", "réseau social", "chez", "PDG", "patron", "patronne", "dirigeant", "directeur",
    "directrice", "fondateur", "cofondateur", "président", "présidente", "rachat", "acquisition", "action",
    "titre", "concurrent", "rival", "partenaire", "actionnaire", "investisseur", "licorne", "spécialiste",
    "numéro un", "leader", "champion", "laboratoire", "fournisseur", "client", "salariés",
    "employés", "ingénieurs", "chercheurs", "équipes", "services", "offres", "abonnés", "utilisateurs",
    "comptes", "applications", "magasin d'applications", "résultats", "chiffre d'affaires", "capitalisation",
};
// Verbs a company is the subject of: « Orange a annoncé », « Free lance », « Meta refuse ».
constexpr std::string_view kAfterCues[] = {
    "annonce", "annoncé", "dévoile", "dévoilé", "lance", "lancé", "rachète", "racheté", "investit",
    "investi", "présente", "présenté", "confirme", "confirmé", "prévoit", "affirme", "affirmé", "indique",
    "indiqué", "précise", "précisé", "déclare", "déclaré", "revendique", "propose", "proposé", "recrute",
    "licencie", "vend", "vendu", "commercialise", "détient", "emploie", "publie", "publié", "promet",
    "signe", "signé", "dément", "réalise", "enregistre", "enregistré", "facture", "domine", "prépare",
    "accélère", "déploie", "déployé", "supprime", "rejoint", "conclut", "conclu", "refuse", "conteste",
    "accuse", "poursuit", "assure", "explique", "reconnaît", "répond", "souhaite", "veut", "entend",
    "mise", "parie", "doit", "devra", "compte", "revendique", "table", "cède", "acquiert", "finance",
    "condamné", "sanctionné", "visé", "valorisé", "coté", "fondé", "dirigé", "Inc", "SA", "Group",
};
// Business vocabulary: in the same sentence as a capitalised name that does not open the sentence, it
// shows a company (« en doublant Apple » after « 3 000 milliards »). Sentence-initial names are left out
// because there a capital proves nothing (« Zoom sur le marché… »).
constexpr std::string_view kBusinessWords[] = {
    "milliards", "millions", "capitalisation", "Bourse", "actionnaires", "chiffre d'affaires", "bénéfice",
    "valorisation", "dollars", "euros", "rachat", "filiale", "concurrents", "rivaux", "parts de marché",
    "amende", "investisseurs", "cotée", "coté", "trimestre", "trimestriels",
};
// How far (in words, within the sentence) a business word may sit from the name.
constexpr std::size_t kBusinessWindow = 12;

// Words that may stand between a cue noun and the name: « le géant américain Apple ».
constexpr std::string_view kModifiers[] = {
    "américain", "américaine", "chinois", "chinoise", "français", "française", "européen", "européenne",
    "japonais", "japonaise", "coréen", "coréenne", "sud-coréen", "allemand", "allemande", "britannique",
    "néerlandais", "suédois", "taïwanais", "indien", "estonien", "californien", "historique",
    "numérique", "technologique", "mondial", "grand", "nouveau", "télécoms",
    "internet", "tech", "mobile", "parisien", "parisienne",
};

bool crosses_sentence(const WordRun& run, std::size_t left, std::size_t right) {
    const std::size_t from = run.words[left]->end, to = run.words[right]->begin;
    if (from >= to || to > run.text.size()) return false;
    return run.text.substr(from, to - from).find_first_of(".!?\n") != std::string_view::npos;
}

bool match_at(const WordRun& run, std::size_t i, const std::vector<std::string>& stems) {
    if (stems.empty() || i + stems.size() > run.words.size()) return false;
    for (std::size_t k = 0; k < stems.size(); ++k)
        if (run.words[i + k]->stem != stems[k]) return false;
    return true;
}

std::string in_guillemets(std::string_view s) { return "«" + std::string(s) + "»"; }

std::string surface_of(const WordRun& run, std::size_t first, std::size_t last) {
    return std::string(run.text.substr(run.words[first]->begin, run.words[last]->end - run.words[first]->begin));
}

// The nearest word after index i that is not a stop word, within the sentence.
std::optional<std::size_t> next_word(const WordRun& run, std::size_t i) {
    for (std::size_t j = i + 1, skipped = 0; j < run.words.size() && skipped <= kMaxSkipped; ++j, ++skipped) {
        if (crosses_sentence(run, j - 1, j)) return std::nullopt;
        if (!run.words[j]->stopword) return j;
    }
    return std::nullopt;
}

// The nearest word before index i that is not a stop word, within the sentence.
std::optional<std::size_t> previous_word(const WordRun& run, std::size_t i) {
    for (std::size_t j = i, skipped = 0; j > 0 && skipped <= kMaxSkipped; ++skipped) {
        if (crosses_sentence(run, j - 1, j)) return std::nullopt;
        if (!run.words[--j]->stopword) return j;
    }
    return std::nullopt;
}

}  // namespace

CompanyContext::CompanyContext(const Analyzer& analyzer) {
    auto stems_of = [&](std::string_view text) {
        std::vector<std::string> out;
        for (const Token& t : analyzer.analyze(text))
            if (is_word(t)) out.push_back(t.stem);
        return out;
    };
    for (auto cue : kBeforeCues) before_.push_back(stems_of(cue));
    for (auto cue : kAfterCues) after_.push_back(stems_of(cue));
    for (auto cue : kModifiers) modifiers_.push_back(stems_of(cue));
    for (auto word : kBusinessWords) business_.push_back(stems_of(word));
}

// The words before index i that a cue may end at, nearest first: stop words (« chez ») and modifiers are
// passed over up to the first other word, within the sentence (« le géant américain Apple » → {américain,
// géant}; « PDG d’Apple » → {PDG}).
std::vector<std::size_t> CompanyContext::cue_slots_before(const WordRun& run, std::size_t i) const {
    std::vector<std::size_t> seen;
    for (std::size_t j = i, skipped = 0; j > 0 && skipped <= kMaxSkipped; ++skipped) {
        if (crosses_sentence(run, j - 1, j)) break;
        --j;
        seen.push_back(j);
        if (run.words[j]->stopword) continue;
        if (std::none_of(modifiers_.begin(), modifiers_.end(), [&](const auto& m) { return match_at(run, j, m); }))
            break;
    }
    return seen;
}

std::optional<std::string> CompanyContext::cue_rule(const NameHit& hit, const WordRun& run) const {
    for (std::size_t j : cue_slots_before(run, hit.first))
        for (const auto& cue : before_)
            if (j + 1 >= cue.size() && match_at(run, j + 1 - cue.size(), cue))
                return "cue " + in_guillemets(run.words[j]->surface) + " before";
    if (const auto j = next_word(run, hit.last))
        for (const auto& cue : after_)
            if (match_at(run, *j, cue)) return "cue " + in_guillemets(run.words[*j]->surface) + " after";
    return std::nullopt;
}

std::optional<std::string> CompanyContext::business_rule(const NameHit& hit, const WordRun& run) const {
    // A single letter is too often just a letter (« rayons X », « sir H. Clinton ») for this weak sign.
    if (hit.single_letter || hit.first == 0 || crosses_sentence(run, hit.first - 1, hit.first)) return std::nullopt;
    std::size_t from = hit.first, to = hit.last;
    while (from > 0 && hit.first - from < kBusinessWindow && !crosses_sentence(run, from - 1, from)) --from;
    while (to + 1 < run.words.size() && to - hit.last < kBusinessWindow && !crosses_sentence(run, to, to + 1)) ++to;
    for (std::size_t j = from; j <= to; ++j)
        for (const auto& b : business_)
            if (j + b.size() <= to + 1 && match_at(run, j, b))
                return "business word " + in_guillemets(run.words[j]->surface) + " in the sentence";
    return std::nullopt;
}

void CompanyContext::judge(std::vector<NameHit>& hits, const std::vector<WordRun>& runs,
                           const std::vector<CompanyCues>& cues) const {
    // The first unambiguous name of each company in the article.
    std::vector<const NameHit*> named(cues.size(), nullptr);
    for (const NameHit& h : hits)
        if (!h.ambiguous && !named[h.company]) named[h.company] = &h;
    // Where each company's context words occur, found once per (company, part) and then searched per
    // name, so a long text full of « X » stays linear.
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::pair<std::size_t, std::size_t>>> found;
    auto context_rule = [&](const NameHit& h) -> std::optional<std::string> {
        const WordRun& run = runs[h.part];
        const CompanyCues& c = cues[h.company];
        auto [slot, fresh] = found.try_emplace({h.company, h.part});
        if (fresh)
            for (std::size_t j = 0; j < run.words.size(); ++j)
                for (std::size_t k = 0; k < c.stems.size(); ++k)
                    if (match_at(run, j, c.stems[k])) slot->second.emplace_back(j, k);
        const std::size_t from = h.first > kContextWindow ? h.first - kContextWindow : 0;
        const auto it = std::lower_bound(slot->second.begin(), slot->second.end(), std::make_pair(from, std::size_t{0}));
        if (it == slot->second.end() || it->first > h.last + kContextWindow) return std::nullopt;
        return "context " + in_guillemets(c.text[it->second]) + " nearby";
    };
    for (NameHit& h : hits) {
        if (h.rule) continue;
        if (const NameHit* n = named[h.company])
            h.rule = "with " + in_guillemets(surface_of(runs[n->part], n->first, n->last)) + " in the article";
        else if (auto cue = cue_rule(h, runs[h.part])) h.rule = cue;
        else if (auto context = context_rule(h)) h.rule = context;
        else if (auto business = business_rule(h, runs[h.part])) h.rule = business;
    }
    // Enumerations: « Orange, SFR et Bouygues Telecom » — a neighbour that is a counted company makes the
    // name one too. Repeated because a confirmed name can confirm the next one (« Free, Orange et SFR »).
    std::map<std::pair<std::size_t, std::size_t>, const NameHit*> counted_ends;  // (part, word) → hit
    for (const NameHit& h : hits)
        if (h.rule) counted_ends[{h.part, h.first}] = counted_ends[{h.part, h.last}] = &h;
    for (bool changed = true; changed;) {
        changed = false;
        for (NameHit& h : hits) {
            if (h.rule) continue;
            const WordRun& run = runs[h.part];
            const NameHit* neighbour = nullptr;
            if (const auto before = previous_word(run, h.first)) {
                const auto it = counted_ends.find({h.part, *before});
                if (it != counted_ends.end() && it->second->last == *before) neighbour = it->second;
            }
            if (const auto after = next_word(run, h.last); !neighbour && after) {
                const auto it = counted_ends.find({h.part, *after});
                if (it != counted_ends.end() && it->second->first == *after) neighbour = it->second;
            }
            if (!neighbour) continue;
            h.rule = "listed with " + in_guillemets(surface_of(run, neighbour->first, neighbour->last));
            counted_ends[{h.part, h.first}] = counted_ends[{h.part, h.last}] = &h;
            changed = true;
        }
    }
    // One sense per discourse (Gale, Church & Yarowsky 1992): once an article shows that « Free » is the
    // operator, its other capitalised « Free » are too.
    std::vector<const NameHit*> confirmed(cues.size(), nullptr);
    for (const NameHit& h : hits)
        if (h.rule && !confirmed[h.company]) confirmed[h.company] = &h;
    for (NameHit& h : hits)
        if (const NameHit* c = confirmed[h.company]; !h.rule && c)
            h.rule = "same article as " + in_guillemets(surface_of(runs[c->part], c->first, c->last)) + " (" + *c->rule + ")";
}

}  // namespace veille
