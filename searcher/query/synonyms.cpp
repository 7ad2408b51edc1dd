// synonyms.cpp — synonym groups keyed the way the query side forms its units, so a lookup is one hash probe.
#include "searcher/query/synonyms.hpp"

#include <algorithm>

#include "common/data_files.hpp"
#include "common/error.hpp"
#include "searcher/query/token_units.hpp"

namespace veille {

namespace {


std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
    return out;
}

}  // namespace

std::shared_ptr<const Synonyms> Synonyms::standard() {
    static const auto synonyms =
        std::make_shared<const Synonyms>(embedded_data("synonyms.tsv"), "synonyms.tsv", Analyzer::standard());
    return synonyms;
}

// The keys of a member mirror searcher/query/query_units.cpp: a compound or protected name stands for its
// parts (« cyber-attaque » → « cyberattaque »), stop words drop out unless all words are stop words. The
// parts spelled out (« cyber attaque ») are a second key, for callers that split compounds.
std::vector<std::string> Synonyms::keys_of(std::string_view text) const {
    const auto tokens = analyzer_.analyze(text);
    const TokenUnits grouped = group_tokens(tokens);
    std::vector<std::string> units, words;
    for (const TokenUnit& u : grouped.units) {
        units.push_back(u.token->folded);
        if (!u.whole) {
            words.push_back(u.token->folded);
            continue;
        }
        for (const Token* p : u.parts)
            if (!p->stopword || grouped.all_stop) words.push_back(p->folded);
    }
    std::vector<std::string> keys;
    if (!units.empty()) keys.push_back(joined(units));
    if (!words.empty() && joined(words) != joined(units)) keys.push_back(joined(words));
    return keys;
}

Synonyms::Synonyms(std::string_view tsv, const std::string& origin, const Analyzer& analyzer) : analyzer_(analyzer) {
    std::size_t line_no = 0;
    for (std::size_t start = 0; start < tsv.size();) {
        const std::size_t stop = std::min(tsv.find('\n', start), tsv.size());
        std::string_view line = tsv.substr(start, stop - start);
        start = stop + 1;
        ++line_no;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
        if (line.empty() || line.front() == '#') continue;
        std::vector<Member> group;
        std::vector<std::string> keys;
        for (std::size_t from = 0; from <= line.size();) {
            const std::size_t bar = std::min(line.find('|', from), line.size());
            const std::string_view member = line.substr(from, bar - from);
            from = bar + 1;
            const auto member_keys = keys_of(member);
            if (member_keys.empty()) continue;
            group.push_back({member_keys, analyzer_.fold(member)});
            keys.insert(keys.end(), member_keys.begin(), member_keys.end());
            max_words_ = std::max<std::size_t>(
                max_words_, static_cast<std::size_t>(std::count(member_keys.front().begin(), member_keys.front().end(), ' ')) + 1);
        }
        if (group.size() < 2)
            throw InputError(origin, line_no, "a synonym group needs at least two members separated by '|'");
        for (const auto& key : keys) {
            auto& list = by_key_[key];
            if (std::find(list.begin(), list.end(), groups_.size()) == list.end()) list.push_back(groups_.size());
        }
        groups_.push_back(std::move(group));
    }
}

std::vector<std::string> Synonyms::alternatives(std::string_view folded_phrase) const {
    auto it = by_key_.find(std::string(folded_phrase));
    if (it == by_key_.end()) {
        // Not in query-unit form (« logiciel de rançon », « L'IA »): normalise it the way members were.
        const auto keys = keys_of(folded_phrase);
        if (keys.empty() || (it = by_key_.find(keys.front())) == by_key_.end()) return {};
    }
    const std::string own = it->first;
    std::vector<std::string> out;
    for (std::size_t g : it->second)
        for (const Member& m : groups_[g]) {
            if (std::find(m.keys.begin(), m.keys.end(), own) != m.keys.end()) continue;
            if (std::find(out.begin(), out.end(), m.text) == out.end()) out.push_back(m.text);
        }
    return out;
}

}  // namespace veille
