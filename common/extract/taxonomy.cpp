// taxonomy.cpp — weighted term matching on stems, sublinear counts, title boost, length normalisation.
#include "common/extract/taxonomy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "common/data_files.hpp"
#include "common/error.hpp"
#include "common/text/ascii.hpp"

namespace veille {

namespace {

// A term in the title says what the article is about far more surely than one in passing in the body.
constexpr double kTitleBoost = 2.0;
// Body length at which no normalisation applies; longer articles are divided by sqrt(length / this),
// so a long article does not collect topics just by mentioning many things once (pivoted, like BM25's b).
constexpr double kPivotWords = 150.0;

// Snowball's French stems also join derived words (« opérateur » and « opération » → « oper »,
// « chiffrement » and « chiffre » → « chiffr »). A term therefore matches a word with the same stem
// whose folded form also starts with the term's folded form less two letters: inflections
// (« opérateurs », « puces », « rachète » for « racheter ») pass, derivations do not. Short terms only
// take a plural (« SaaS » is not « sa »).
bool inflection_of(const Token& word, const std::string& stem, const std::string& folded) {
    if (word.stem != stem) return false;
    if (folded.size() <= 4)
        return word.folded == folded || word.folded == folded + "s" || word.folded == folded + "x";
    return word.folded.compare(0, std::max(stem.size(), folded.size() - 2), folded, 0,
                               std::max(stem.size(), folded.size() - 2)) == 0;
}

std::vector<const Token*> words_of(const std::vector<Token>& tokens) {
    std::vector<const Token*> out;
    for (const Token& t : tokens)
        if (is_word(t)) out.push_back(&t);
    return out;
}

}  // namespace

std::shared_ptr<const Taxonomy> Taxonomy::standard() {
    static const auto taxonomy =
        std::make_shared<const Taxonomy>(embedded_data("topics.tsv"), "topics.tsv", Analyzer::standard());
    return taxonomy;
}

std::shared_ptr<const Taxonomy> Taxonomy::from_file(const std::string& path) {
    return std::make_shared<const Taxonomy>(read_text_file(path), path, Analyzer::standard());
}

Taxonomy::Taxonomy(std::string_view tsv, const std::string& origin, const Analyzer& analyzer) : analyzer_(analyzer) {
    std::size_t line_no = 0;
    for (std::size_t start = 0; start < tsv.size();) {
        const std::size_t stop = std::min(tsv.find('\n', start), tsv.size());
        const std::string_view line = trim(tsv.substr(start, stop - start));
        start = stop + 1;
        ++line_no;
        if (line.empty() || line.front() == '#') continue;
        const std::size_t tab1 = line.find('\t');
        const std::size_t tab2 = tab1 == line.npos ? line.npos : line.find('\t', tab1 + 1);
        if (tab2 == line.npos) throw InputError(origin, line_no, "expected topic<TAB>term<TAB>weight");
        const std::string topic(trim(line.substr(0, tab1)));
        const std::string text(trim(line.substr(tab1 + 1, tab2 - tab1 - 1)));
        const std::string weight_text(trim(line.substr(tab2 + 1)));
        char* end = nullptr;
        const double weight = std::strtod(weight_text.c_str(), &end);
        if (topic.empty() || text.empty() || weight_text.empty() || *end != '\0' || !(weight > 0))
            throw InputError(origin, line_no, "expected topic<TAB>term<TAB>positive weight, got '" +
                                                  std::string(line) + "'");
        auto found = std::find(topics_.begin(), topics_.end(), topic);
        const std::size_t t = static_cast<std::size_t>(found - topics_.begin());
        if (found == topics_.end()) {
            topics_.push_back(topic);
            by_key_.emplace(key_of(topic), t);
            by_key_.emplace(singular_key(topic), t);
        }
        Term term{text, {}, {}, weight, t};
        for (const Token& tok : analyzer_.analyze(text)) {
            if (!is_word(tok)) continue;
            term.stems.push_back(tok.stem);
            term.folded.push_back(tok.folded);
        }
        if (term.stems.empty()) throw InputError(origin, line_no, "term '" + text + "' has no words");
        // « open weight » and « open-weight » are one term once analysed: keep the heavier row.
        auto same = std::find_if(terms_.begin(), terms_.end(),
                                 [&](const Term& o) { return o.topic == t && o.stems == term.stems; });
        if (same != terms_.end()) {
            same->weight = std::max(same->weight, weight);
            continue;
        }
        terms_.push_back(std::move(term));
    }
    for (std::size_t i = 0; i < terms_.size(); ++i) by_first_stem_[terms_[i].stems.front()].push_back(i);
    for (auto& [stem, list] : by_first_stem_)
        std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
            return terms_[a].stems.size() > terms_[b].stems.size();
        });
}

std::string Taxonomy::key_of(std::string_view value) const {
    std::string key;
    for (const Token& t : analyzer_.analyze(value))
        if (is_word(t)) key += (key.empty() ? "" : " ") + t.stem;
    return key;
}

// A second key for topic names: folded words run together, each without a plural « s » or « x », so
// « jeu video », « semiconducteurs » and « fusion acquisition » find their topic (Snowball keeps « jeux »).
std::string Taxonomy::singular_key(std::string_view value) const {
    std::string key, word;
    auto flush = [&] {
        if (word.size() > 3 && (word.back() == 's' || word.back() == 'x')) word.pop_back();
        key += word;
        word.clear();
    };
    for (char c : analyzer_.fold(value)) {
        if (c == ' ' || c == '-') flush();
        else word += c;
    }
    flush();
    return "=" + key;  // cannot collide with a stem key, which has no '='
}

const std::string* Taxonomy::canonical(std::string_view value) const {
    auto it = by_key_.find(key_of(value));
    if (it == by_key_.end()) it = by_key_.find(singular_key(value));
    return it == by_key_.end() ? nullptr : &topics_[it->second];
}

std::vector<TopicScore> Taxonomy::score(const std::vector<Token>& title, const std::vector<Token>& body) const {
    // Counts per term: longest match first at each word, so « intelligence artificielle générative » is one
    // match rather than three, and a term shared by two topics (« CNIL ») counts for both.
    std::vector<int> title_counts(terms_.size(), 0), body_counts(terms_.size(), 0);
    auto count = [&](const std::vector<const Token*>& words, std::vector<int>& counts) {
        for (std::size_t i = 0; i < words.size();) {
            const auto bucket = by_first_stem_.find(words[i]->stem);
            std::size_t matched = 0;
            if (bucket != by_first_stem_.end())
                for (std::size_t ti : bucket->second) {
                    const auto& stems = terms_[ti].stems;
                    if (matched && stems.size() < matched) break;
                    if (i + stems.size() > words.size()) continue;
                    bool same = true;
                    for (std::size_t k = 0; k < stems.size() && same; ++k)
                        same = inflection_of(*words[i + k], stems[k], terms_[ti].folded[k]);
                    if (!same) continue;
                    matched = stems.size();
                    ++counts[ti];
                }
            i += matched ? matched : 1;
        }
    };
    const auto title_words = words_of(title);
    const auto body_words = words_of(body);
    count(title_words, title_counts);
    count(body_words, body_counts);

    const double norm = std::sqrt(std::max(static_cast<double>(body_words.size()), kPivotWords) / kPivotWords);
    std::vector<TopicScore> scores(topics_.size());
    std::vector<std::vector<double>> contributions(topics_.size());
    for (std::size_t i = 0; i < terms_.size(); ++i) {
        if (!title_counts[i] && !body_counts[i]) continue;
        const Term& term = terms_[i];
        // Repetition helps, but sublinearly: ten « puces » are not ten times the evidence of one.
        const double c = term.weight * ((title_counts[i] ? kTitleBoost : 0.0) +
                                        (body_counts[i] ? 1.0 + std::log(body_counts[i]) : 0.0));
        TopicScore& s = scores[term.topic];
        s.score += c / norm;
        s.matches.push_back({term.text, term.weight, title_counts[i], body_counts[i]});
        contributions[term.topic].push_back(c);
    }
    std::vector<TopicScore> out;
    for (std::size_t t = 0; t < topics_.size(); ++t) {
        if (scores[t].matches.empty()) continue;
        scores[t].topic = topics_[t];
        // Evidence strongest first, for --explain.
        std::vector<std::size_t> order(scores[t].matches.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return contributions[t][a] > contributions[t][b]; });
        TopicScore sorted{topics_[t], scores[t].score, {}};
        for (std::size_t k : order) sorted.matches.push_back(std::move(scores[t].matches[k]));
        out.push_back(std::move(sorted));
    }
    std::stable_sort(out.begin(), out.end(), [](const TopicScore& a, const TopicScore& b) { return a.score > b.score; });
    return out;
}

std::vector<TopicScore> Taxonomy::classify(const std::vector<Token>& title, const std::vector<Token>& body) const {
    std::vector<TopicScore> all = score(title, body);
    std::vector<TopicScore> out;
    for (auto& s : all) {
        if (out.size() == kMaxTopics || s.score < kMinScore) break;
        if (!out.empty() && s.score < kRelativeScore * out.front().score) break;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace veille
