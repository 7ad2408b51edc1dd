// lexicon.cpp — building the word lists; names are analysed with the same rules as text so that
// « L’Oréal » or « Mistral AI » match however they are written.
#include "common/analysis/lexicon.hpp"

#include <algorithm>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/normalizer.hpp"
#include "common/analysis/words.hpp"
#include "common/data_files.hpp"
#include "common/text/ascii.hpp"

namespace veille {

Lexicon::Lexicon(std::string_view stopwords, std::string_view elisions, const std::vector<std::string>& names) {
    for (const auto& w : parse_lines(stopwords)) {
        stopwords_.insert(normalize_exact(w));
        folded_stopwords_.insert(fold_accents(normalize_exact(w)));
    }
    for (const auto& w : parse_lines(elisions)) {
        const std::string exact = normalize_exact(w);
        if (exact.size() > 1 && exact.back() == '\'') elisions_.insert(fold_accents(exact.substr(0, exact.size() - 1)));
        else {
            owners_.insert(fold_accents(exact));
            owner_heads_.insert(fold_accents(exact.substr(0, exact.find('\''))));
        }
    }
    for (const auto& name : names) {
        std::vector<std::string> parts;
        for (const auto& t : detail::analyze_words(name, *this)) parts.push_back(t.folded);
        if (parts.empty()) continue;
        std::string whole = collapse_whitespace(fold_accents(normalize_exact(name)));
        if (parts.size() == 1 && parts[0] == whole) {
            protected_words_.insert(whole);
            continue;
        }
        auto& bucket = names_[parts[0]];
        if (std::none_of(bucket.begin(), bucket.end(), [&](const ProtectedName& p) { return p.whole == whole; }))
            bucket.push_back({std::move(parts), std::move(whole)});
    }
    detail::forget_word_forms();
    for (auto& [first, bucket] : names_)
        std::stable_sort(bucket.begin(), bucket.end(),
                         [](const ProtectedName& a, const ProtectedName& b) { return a.parts.size() > b.parts.size(); });
}

const std::vector<ProtectedName>* Lexicon::names_starting_with(const std::string& first_part) const {
    const auto it = names_.find(first_part);
    return it == names_.end() ? nullptr : &it->second;
}

std::shared_ptr<const Lexicon> Lexicon::standard() {
    static const std::shared_ptr<const Lexicon> lexicon = [] {
        std::vector<std::string> names;
        for (const auto& company : parse_companies(embedded_data("companies.tsv"), "companies.tsv")) {
            names.push_back(company.canonical);
            names.insert(names.end(), company.aliases.begin(), company.aliases.end());
        }
        for (auto& product : parse_lines(embedded_data("products.txt"))) names.push_back(std::move(product));
        return std::make_shared<const Lexicon>(embedded_data("stopwords.txt"), embedded_data("elisions.txt"), names);
    }();
    return lexicon;
}

}  // namespace veille
