// gazetteer.cpp — longest-match lookup of company names over analysed words; ambiguous names are then
// judged by common/extract/company_context.cpp.
#include "common/extract/gazetteer.hpp"

#include <algorithm>
#include <optional>

#include "common/text/ascii.hpp"

namespace veille {

namespace {

// Ambiguous names must be written with the capitals they have in the file (« Orange », « X »), or all in
// capitals: the colour « orange », the letter « x » and « free » in a quote are ordinary words.
bool same_capitals(std::string_view listed, std::string_view written) {
    if (listed.size() != written.size())
        return !(is_ascii_upper(listed.front()) && !is_ascii_upper(written.front()));
    for (std::size_t i = 0; i < listed.size(); ++i)
        if (is_ascii_upper(listed[i]) && !is_ascii_upper(written[i])) return false;
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

// The words of one part, and which of them sit inside a protected product name.
struct Words : WordRun {
    std::vector<bool> inside_product;  // inside a protected non-company name, after its first word
    std::vector<bool> starts_product;  // first word of a protected non-company name
};

bool form_matches(const Gazetteer::Form& f, const Words& w, std::size_t i) {
    if (i + f.parts.size() > w.words.size()) return false;
    for (std::size_t k = 0; k < f.parts.size(); ++k)
        if (w.words[i + k]->folded != f.parts[k]) return false;
    // Symbols the word breaker drops must be there: « Canal+ » is not « canal ».
    const std::size_t last = i + f.parts.size() - 1;
    if (!f.suffix.empty() && w.text.substr(w.words[last]->end, f.suffix.size()) != f.suffix) return false;
    for (std::size_t k = 1; k < f.parts.size(); ++k) {
        const Token* a = w.words[i + k - 1];
        const Token* b = w.words[i + k];
        if (!gap_allowed(w.text.substr(a->end, b->begin - a->end), f.gaps[k - 1])) return false;
    }
    // A name inside a product name (« macOS Sequoia », « Snapdragon X ») belongs to the product. One that
    // starts it names the company (« Google Pixel »), unless the name is ambiguous: « X Plus » is a chip,
    // and « Apple Watch » is left to Apple's context words.
    for (std::size_t k = 0; k < f.parts.size(); ++k)
        if (w.inside_product[i + k] || (f.ambiguous && w.starts_product[i + k])) return false;
    if (!f.ambiguous) return true;
    for (std::size_t k = 0; k < f.parts.size(); ++k)
        if (!same_capitals(f.surfaces[k], w.words[i + k]->surface)) return false;
    // « X-energy », « X-Men »: a hyphen makes the ambiguous word part of another name.
    return !(i > 0 && hyphen_joined(w.text, *w.words[i - 1], *w.words[i])) &&
           !(last + 1 < w.words.size() && hyphen_joined(w.text, *w.words[last], *w.words[last + 1]));
}

}  // namespace

Gazetteer::Gazetteer(const std::vector<CompanyEntry>& entries, const Analyzer& analyzer)
    : analyzer_(analyzer), context_(analyzer) {
    build(entries);
}

Gazetteer::Gazetteer(std::string_view tsv, const std::string& origin, const Analyzer& analyzer)
    : analyzer_(analyzer), context_(analyzer) {
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
    std::unordered_map<std::string, Form> forms;          // joined parts → form
    std::vector<std::string> order;
    for (const CompanyEntry& e : entries) {
        auto [it, fresh] = index.emplace(e.canonical, canonicals_.size());
        if (fresh) {
            canonicals_.push_back(e.canonical);
            cues_.emplace_back();
        }
        const std::size_t c = it->second;
        for (const auto& ctx : e.context) {
            auto seq = stems_of(ctx);
            if (seq.empty()) continue;
            cues_[c].stems.push_back(std::move(seq));
            cues_[c].text.push_back(ctx);
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

std::vector<CompanyMention> Gazetteer::find(const std::vector<TokenizedText>& parts) const {
    // 1. Words of each part, and which of them sit inside a protected product name: the « X » of
    //    « Xbox Series X » or « Model X » is part of a product, not the company X.
    std::vector<Words> texts;
    for (const auto& p : parts) {
        Words w;
        w.text = p.text;
        if (p.tokens)
            for (const Token& t : *p.tokens)
                if (is_word(t)) w.words.push_back(&t);
        w.inside_product.assign(w.words.size(), false);
        w.starts_product.assign(w.words.size(), false);
        // Word positions run 1, 2, 3… in order, so a position maps to its word index directly.
        if (p.tokens && !w.words.empty())
            for (const Token& t : *p.tokens) {
                if (t.kind != TokenKind::Name || by_folded_.count(t.folded)) continue;
                const std::size_t first = t.position - w.words.front()->position;
                for (std::size_t k = 0; k < t.span && first + k < w.words.size(); ++k)
                    (k == 0 ? w.starts_product : w.inside_product)[first + k] = true;
            }
        texts.push_back(std::move(w));
    }

    // 2. Longest match at each word, left to right, on folded forms (so « d’OpenAI », « OPENAI »,
    //    « openai » are one name); ambiguous names also need their capitals and must not be inside a product.
    std::vector<NameHit> hits;
    for (std::size_t p = 0; p < texts.size(); ++p) {
        const Words& w = texts[p];
        for (std::size_t i = 0; i < w.words.size();) {
            const auto bucket = forms_by_first_.find(w.words[i]->folded);
            const Form* hit = nullptr;
            if (bucket != forms_by_first_.end())
                for (const Form& f : bucket->second)
                    if (form_matches(f, w, i)) {
                        hit = &f;
                        break;
                    }
            if (!hit) {
                ++i;
                continue;
            }
            NameHit h;
            h.part = p;
            h.first = i;
            h.last = i + hit->parts.size() - 1;
            h.company = hit->company;
            h.ambiguous = hit->ambiguous;
            h.single_letter = hit->surfaces.size() == 1 && hit->surfaces.front().size() == 1;
            if (!hit->ambiguous) h.rule = "name";
            hits.push_back(std::move(h));
            i += hit->parts.size();
        }
    }

    // 3. Company context for the ambiguous ones.
    std::vector<WordRun> runs(texts.begin(), texts.end());
    context_.judge(hits, runs, cues_);

    std::vector<CompanyMention> out;
    for (const NameHit& h : hits) {
        const Words& w = texts[h.part];
        CompanyMention m;
        m.company = canonicals_[h.company];
        m.part = h.part;
        m.begin = w.words[h.first]->begin;
        m.end = w.words[h.last]->end;
        m.surface = std::string(w.text.substr(m.begin, m.end - m.begin));
        m.position = w.words[h.first]->position;
        m.ambiguous = h.ambiguous;
        m.counted = h.rule.has_value();
        m.rule = h.rule.value_or("no company context");
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace veille
