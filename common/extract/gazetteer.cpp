// gazetteer.cpp — longest-match lookup of company names over analysed words, then the company-context
// rules that decide whether an ambiguous name (Orange, Free, X, Apple…) really names the company.
#include "common/extract/gazetteer.hpp"

#include <algorithm>
#include <optional>

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

bool is_word(const Token& t) { return t.kind == TokenKind::Word || t.kind == TokenKind::Number; }

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

// Ambiguous names must be written with the capitals they have in the file (« Orange », « X »), or all in
// capitals: the colour « orange », the letter « x » and « free » in a quote are ordinary words.
bool same_capitals(std::string_view listed, std::string_view written) {
    if (listed.size() != written.size())
        return !(is_upper_ascii(listed.front()) && !is_upper_ascii(written.front()));
    for (std::size_t i = 0; i < listed.size(); ++i)
        if (is_upper_ascii(listed[i]) && !is_upper_ascii(written[i])) return false;
    return true;
}

// Between two words of one name the text may only hold spaces, hyphens, « & » or what the file wrote
// (« 01.AI »); a comma or a full stop means two separate things (« Orange, Free »).
bool gap_allowed(std::string_view gap, std::string_view listed_gap) {
    if (gap == listed_gap) return true;
    for (std::string_view hard : {".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "\"", "/", "\n", "«", "»"})
        if (gap.find(hard) != std::string_view::npos) return false;
    return gap.size() <= 6;
}

bool hyphen_joined(std::string_view text, const Token& a, const Token& b) {
    if (b.begin <= a.end) return false;
    const auto gap = text.substr(a.end, b.begin - a.end);
    return gap == "-" || gap == "\u2010" || gap == "\u2011";
}

bool crosses_sentence(std::string_view text, std::size_t from, std::size_t to) {
    if (from >= to || to > text.size()) return false;
    const auto gap = text.substr(from, to - from);
    return gap.find_first_of(".!?\n") != std::string_view::npos;
}

std::string quoted(std::string_view s) { return "«" + std::string(s) + "»"; }

// The words of one analysed text (no compounds or names), with positions → index.
struct Words {
    std::string_view text;
    std::vector<const Token*> words;
    std::vector<bool> inside_product;  // inside a protected non-company name, after its first word
    std::vector<bool> starts_product;  // first word of a protected non-company name
};

bool match_at(const Words& w, std::size_t i, const std::vector<std::string>& seq, bool on_stem) {
    if (i + seq.size() > w.words.size()) return false;
    for (std::size_t k = 0; k < seq.size(); ++k)
        if ((on_stem ? w.words[i + k]->stem : w.words[i + k]->folded) != seq[k]) return false;
    return true;
}

}  // namespace

struct Gazetteer::Company {
    std::vector<std::vector<std::string>> context;  // stem sequences
    std::vector<std::string> context_text;          // as written in the file, for evidence
};

Gazetteer::Gazetteer(const std::vector<CompanyEntry>& entries, const Analyzer& analyzer) : analyzer_(analyzer) {
    build(entries);
}

Gazetteer::Gazetteer(std::string_view tsv, const std::string& origin, const Analyzer& analyzer)
    : analyzer_(analyzer) {
    build(parse_companies(tsv, origin));
}

std::shared_ptr<const Gazetteer> Gazetteer::standard() {
    static const auto gazetteer = std::make_shared<const Gazetteer>(
        parse_companies(embedded_data("companies.tsv"), "companies.tsv"), Analyzer::standard());
    return gazetteer;
}

std::shared_ptr<const Gazetteer> Gazetteer::from_file(const std::string& path) {
    return std::make_shared<const Gazetteer>(read_text_file(path), path, Analyzer::standard());
}

std::vector<std::string> Gazetteer::words_of(std::string_view text) const {
    std::vector<std::string> out;
    for (const Token& t : analyzer_.analyze(text))
        if (is_word(t)) out.push_back(t.folded);
    return out;
}

void Gazetteer::build(const std::vector<CompanyEntry>& entries) {
    auto stems_of = [&](std::string_view text) {
        std::vector<std::string> out;
        for (const Token& t : analyzer_.analyze(text))
            if (is_word(t)) out.push_back(t.stem);
        return out;
    };
    std::unordered_map<std::string, std::size_t> index;  // canonical → company
    std::vector<std::shared_ptr<Company>> building;
    std::unordered_map<std::string, Form> forms;          // joined parts → form
    std::vector<std::string> order;
    for (const CompanyEntry& e : entries) {
        auto [it, fresh] = index.emplace(e.canonical, canonicals_.size());
        if (fresh) {
            canonicals_.push_back(e.canonical);
            building.push_back(std::make_shared<Company>());
        }
        const std::size_t c = it->second;
        for (const auto& ctx : e.context) {
            auto seq = stems_of(ctx);
            if (seq.empty()) continue;
            building[c]->context.push_back(std::move(seq));
            building[c]->context_text.push_back(ctx);
        }
        std::vector<std::pair<std::string, bool>> names{{e.canonical, false}};
        for (const auto& a : e.aliases) names.emplace_back(a, e.ambiguous);
        for (const auto& [name, ambiguous] : names) {
            Form f;
            std::size_t prev_end = 0;
            for (const Token& t : analyzer_.analyze(name)) {
                if (!is_word(t)) continue;
                if (!f.parts.empty()) f.gaps.emplace_back(name.substr(prev_end, t.begin - prev_end));
                f.parts.push_back(t.folded);
                f.surfaces.push_back(t.surface);
                prev_end = t.end;
            }
            if (f.parts.empty()) continue;
            f.suffix = std::string(name.substr(prev_end));
            while (!f.suffix.empty() && f.suffix.back() == ' ') f.suffix.pop_back();
            f.company = c;
            f.ambiguous = ambiguous;
            std::string key;
            for (const auto& p : f.parts) key += (key.empty() ? "" : " ") + p;
            by_folded_.emplace(analyzer_.fold(name), c);
            by_folded_.emplace(key, c);
            // A name listed twice for one company is ambiguous if either row says so; a name claimed by
            // two companies stays with the first (the file order decides).
            if (auto found = forms.find(key); found != forms.end()) {
                if (found->second.company == c) found->second.ambiguous = found->second.ambiguous || ambiguous;
                continue;
            }
            order.push_back(key);
            forms.emplace(key, std::move(f));
        }
    }
    for (const auto& key : order) {
        Form& f = forms.at(key);
        forms_by_first_[f.parts.front()].push_back(std::move(f));
    }
    for (auto& [first, list] : forms_by_first_)
        std::stable_sort(list.begin(), list.end(),
                         [](const Form& a, const Form& b) { return a.parts.size() > b.parts.size(); });
    for (auto& c : building) companies_.push_back(std::move(c));
    for (auto cue : kBeforeCues) before_cues_.push_back(stems_of(cue));
    for (auto cue : kAfterCues) after_cues_.push_back(stems_of(cue));
    for (auto cue : kModifiers) modifiers_.push_back(stems_of(cue));
    for (auto word : kBusinessWords) business_.push_back(stems_of(word));
}

const std::string* Gazetteer::canonical(std::string_view name) const {
    auto it = by_folded_.find(analyzer_.fold(name));
    if (it == by_folded_.end()) {
        std::string key;
        for (const auto& p : words_of(name)) key += (key.empty() ? "" : " ") + p;
        it = by_folded_.find(key);
    }
    return it == by_folded_.end() ? nullptr : &canonicals_[it->second];
}

std::vector<CompanyMention> Gazetteer::find(const std::vector<Token>& tokens, std::string_view text) const {
    return find(std::vector<TokenizedText>{{text, &tokens}});
}

std::vector<std::string> Gazetteer::companies(const std::vector<Token>& tokens, std::string_view text) const {
    return companies(std::vector<TokenizedText>{{text, &tokens}});
}

std::vector<std::string> Gazetteer::companies(const std::vector<TokenizedText>& parts) const {
    std::vector<std::string> out;
    for (const auto& m : find(parts))
        if (m.counted && std::find(out.begin(), out.end(), m.company) == out.end()) out.push_back(m.company);
    return out;
}

namespace {

struct Occurrence {
    const Gazetteer::Form* form;
    std::size_t part, first, last;  // word indices, inclusive
    std::optional<std::string> rule;
};

}  // namespace

std::vector<CompanyMention> Gazetteer::find(const std::vector<TokenizedText>& parts) const {
    // 1. Words of each part, and which of them sit inside a protected product name: the « X » of
    //    « Xbox Series X » or « Model X » is part of a product, not the company X.
    std::vector<Words> texts;
    for (const auto& p : parts) {
        Words w{p.text, {}, {}, {}};
        if (p.tokens)
            for (const Token& t : *p.tokens)
                if (is_word(t)) w.words.push_back(&t);
        w.inside_product.assign(w.words.size(), false);
        w.starts_product.assign(w.words.size(), false);
        if (p.tokens)
            for (const Token& t : *p.tokens) {
                if (t.kind != TokenKind::Name || by_folded_.count(t.folded)) continue;
                for (std::size_t i = 0; i < w.words.size(); ++i) {
                    if (w.words[i]->position == t.position) w.starts_product[i] = true;
                    if (w.words[i]->position > t.position && w.words[i]->position < t.position + t.span)
                        w.inside_product[i] = true;
                }
            }
        texts.push_back(std::move(w));
    }

    // 2. Longest match at each word, left to right, on folded forms (so « d’OpenAI », « OPENAI »,
    //    « openai » are one name); ambiguous names also need their capitals and must not be inside a product.
    std::vector<Occurrence> occ;
    std::vector<bool> named(canonicals_.size(), false);
    std::vector<std::string> named_by(canonicals_.size());
    for (std::size_t p = 0; p < texts.size(); ++p) {
        const Words& w = texts[p];
        for (std::size_t i = 0; i < w.words.size();) {
            const auto bucket = forms_by_first_.find(w.words[i]->folded);
            const Form* hit = nullptr;
            if (bucket != forms_by_first_.end())
                for (const Form& f : bucket->second) {
                    if (!match_at(w, i, f.parts, false)) continue;
                    // Symbols the word breaker drops must be there: « Canal+ » is not « canal ».
                    const Token* tail = w.words[i + f.parts.size() - 1];
                    bool ok = f.suffix.empty() || w.text.substr(tail->end, f.suffix.size()) == f.suffix;
                    for (std::size_t k = 1; k < f.parts.size() && ok; ++k) {
                        const Token* a = w.words[i + k - 1];
                        const Token* b = w.words[i + k];
                        ok = gap_allowed(w.text.substr(a->end, b->begin - a->end), f.gaps[k - 1]);
                    }
                    // A name inside a product name (« macOS Sequoia », « Snapdragon X ») belongs to the
                    // product. One that starts it names the company (« Google Pixel »), unless the name is
                    // ambiguous: « X Plus » is a chip; « Apple Watch » is left to Apple's context words.
                    for (std::size_t k = 0; k < f.parts.size() && ok; ++k) ok = !w.inside_product[i + k];
                    if (ok && f.ambiguous) {
                        for (std::size_t k = 0; k < f.parts.size() && ok; ++k)
                            ok = same_capitals(f.surfaces[k], w.words[i + k]->surface) && !w.starts_product[i + k];
                        // « X-energy », « X-Men »: a hyphen makes the ambiguous word part of another name.
                        const std::size_t last = i + f.parts.size() - 1;
                        ok = ok && !(i > 0 && hyphen_joined(w.text, *w.words[i - 1], *w.words[i])) &&
                             !(last + 1 < w.words.size() && hyphen_joined(w.text, *w.words[last], *w.words[last + 1]));
                    }
                    if (ok) {
                        hit = &f;
                        break;
                    }
                }
            if (!hit) {
                ++i;
                continue;
            }
            Occurrence o{hit, p, i, i + hit->parts.size() - 1, std::nullopt};
            if (!hit->ambiguous) {
                o.rule = "name";
                if (!named[hit->company])
                    named_by[hit->company] = w.text.substr(w.words[i]->begin, w.words[o.last]->end - w.words[i]->begin);
                named[hit->company] = true;
            }
            occ.push_back(std::move(o));
            i += hit->parts.size();
        }
    }

    // 3. Company context for ambiguous names, strongest evidence first.
    auto skip_back = [&](const Words& w, std::size_t i) {
        // The words before index i that a cue may end at, nearest first: stop words (« chez ») and
        // modifiers are passed over up to the first other word, within the sentence
        // (« le géant américain Apple » → {américain, géant}; « PDG d’Apple » → {PDG}).
        std::vector<std::size_t> seen;
        for (std::size_t j = i, skipped = 0; j > 0 && skipped <= kMaxSkipped; ++skipped) {
            if (crosses_sentence(w.text, w.words[j - 1]->end, w.words[j]->begin)) break;
            --j;
            seen.push_back(j);
            if (w.words[j]->stopword) continue;
            const bool modifier = std::any_of(modifiers_.begin(), modifiers_.end(),
                                              [&](const auto& m) { return match_at(w, j, m, true); });
            if (!modifier) break;
        }
        return seen;
    };
    auto previous_word = [&](const Words& w, std::size_t i) -> std::optional<std::size_t> {
        for (std::size_t j = i, skipped = 0; j > 0 && skipped <= kMaxSkipped; ++skipped) {
            if (crosses_sentence(w.text, w.words[j - 1]->end, w.words[j]->begin)) return std::nullopt;
            if (!w.words[--j]->stopword) return j;
        }
        return std::nullopt;
    };
    auto skip_forward = [&](const Words& w, std::size_t i) -> std::optional<std::size_t> {
        for (std::size_t j = i + 1, skipped = 0; j < w.words.size() && skipped <= kMaxSkipped; ++j, ++skipped) {
            if (crosses_sentence(w.text, w.words[j - 1]->end, w.words[j]->begin)) return std::nullopt;
            if (!w.words[j]->stopword) return j;
        }
        return std::nullopt;
    };
    auto cue_rule = [&](const Occurrence& o) -> std::optional<std::string> {
        const Words& w = texts[o.part];
        for (std::size_t j : skip_back(w, o.first))
            for (const auto& cue : before_cues_)
                if (!cue.empty() && j + 1 >= cue.size() && match_at(w, j + 1 - cue.size(), cue, true))
                    return "cue " + quoted(w.words[j]->surface) + " before";
        if (auto j = skip_forward(w, o.last))
            for (const auto& cue : after_cues_)
                if (!cue.empty() && match_at(w, *j, cue, true))
                    return "cue " + quoted(w.words[*j]->surface) + " after";
        return std::nullopt;
    };
    auto context_rule = [&](const Occurrence& o) -> std::optional<std::string> {
        const Words& w = texts[o.part];
        const Company& c = *companies_[o.form->company];
        const std::size_t from = o.first > kContextWindow ? o.first - kContextWindow : 0;
        const std::size_t to = std::min(w.words.size(), o.last + kContextWindow + 1);
        for (std::size_t j = from; j < to; ++j)
            for (std::size_t k = 0; k < c.context.size(); ++k)
                if (match_at(w, j, c.context[k], true))
                    return "context " + quoted(c.context_text[k]) + " nearby";
        return std::nullopt;
    };
    auto business_rule = [&](const Occurrence& o) -> std::optional<std::string> {
        const Words& w = texts[o.part];
        // A single letter is too often just a letter (« rayons X », « sir H. Clinton ») for this weak sign.
        if (o.form->surfaces.size() == 1 && o.form->surfaces.front().size() < 3) return std::nullopt;
        if (o.first == 0 || crosses_sentence(w.text, w.words[o.first - 1]->end, w.words[o.first]->begin))
            return std::nullopt;
        std::size_t from = o.first, to = o.last;
        while (from > 0 && o.first - from < kBusinessWindow &&
               !crosses_sentence(w.text, w.words[from - 1]->end, w.words[from]->begin))
            --from;
        while (to + 1 < w.words.size() && to - o.last < kBusinessWindow &&
               !crosses_sentence(w.text, w.words[to]->end, w.words[to + 1]->begin))
            ++to;
        for (std::size_t j = from; j <= to; ++j)
            for (const auto& b : business_)
                if (!b.empty() && j + b.size() <= to + 1 && match_at(w, j, b, true))
                    return "business word " + quoted(w.words[j]->surface) + " in the sentence";
        return std::nullopt;
    };
    for (Occurrence& o : occ) {
        if (o.rule) continue;
        if (named[o.form->company]) o.rule = "with " + quoted(named_by[o.form->company]) + " in the article";
        else if (auto r = cue_rule(o)) o.rule = r;
        else if (auto r2 = context_rule(o)) o.rule = r2;
        else if (auto r3 = business_rule(o)) o.rule = r3;
    }
    // Enumerations: « Orange, SFR et Bouygues Telecom » — a neighbour that is a counted company makes the
    // name one too. Repeated because a confirmed name can confirm the next one (« Free, Orange et SFR »).
    for (bool changed = true; changed;) {
        changed = false;
        for (Occurrence& o : occ) {
            if (o.rule) continue;
            const Words& w = texts[o.part];
            const auto before = previous_word(w, o.first);
            const auto after = skip_forward(w, o.last);
            for (const Occurrence& n : occ) {
                if (!n.rule || n.part != o.part || &n == &o) continue;
                if ((before && n.last == *before) || (after && n.first == *after)) {
                    o.rule = "listed with " + quoted(texts[n.part].words[n.first]->surface);
                    changed = true;
                    break;
                }
            }
        }
    }
    // One sense per discourse (Gale, Church & Yarowsky 1992): once an article shows that « Free » is the
    // operator, its other capitalised « Free » are too.
    std::vector<const Occurrence*> confirmed(canonicals_.size(), nullptr);
    for (const Occurrence& o : occ)
        if (o.rule && !confirmed[o.form->company]) confirmed[o.form->company] = &o;
    for (Occurrence& o : occ)
        if (!o.rule && confirmed[o.form->company])
            o.rule = "same article as " + quoted(texts[confirmed[o.form->company]->part]
                                                    .words[confirmed[o.form->company]->first]->surface) +
                     " (" + *confirmed[o.form->company]->rule + ")";

    std::vector<CompanyMention> out;
    for (const Occurrence& o : occ) {
        const Words& w = texts[o.part];
        CompanyMention m;
        m.company = canonicals_[o.form->company];
        m.part = o.part;
        m.begin = w.words[o.first]->begin;
        m.end = w.words[o.last]->end;
        m.surface = std::string(w.text.substr(m.begin, m.end - m.begin));
        m.position = w.words[o.first]->position;
        m.ambiguous = o.form->ambiguous;
        m.counted = o.rule.has_value();
        m.rule = o.rule.value_or("no company context");
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace veille
