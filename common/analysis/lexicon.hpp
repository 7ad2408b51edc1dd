// lexicon.hpp — the word lists the analyzer needs: stop words, elisions, apostrophe owners, protected names.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace veille {

/// A protected name as the analyzer matches it: a sequence of folded parts plus its whole folded form.
struct ProtectedName {
    std::vector<std::string> parts;  ///< folded word parts: {"llama", "3"}; {"c"} for « C++ »
    std::string whole;               ///< folded whole name, single spaces: « llama 3 », « c++ », « .net »
};

/// Word lists, loaded from the data files (compiled in, or given paths).
class Lexicon {
public:
    /// The compiled-in lexicon (common/data/*), built once.
    static std::shared_ptr<const Lexicon> standard();

    /// Builds a lexicon from the texts of stopwords.txt, elisions.txt and the list of protected names.
    Lexicon(std::string_view stopwords, std::string_view elisions, const std::vector<std::string>& names);

    [[nodiscard]] bool is_stopword(std::string_view exact) const { return stopwords_.count(std::string(exact)) != 0; }
    /// True when a stop word folds to `folded` (« sur » for « sûr »): such a word's stem term is shared
    /// with the stop word, so exact matching must be used for it.
    [[nodiscard]] bool folds_like_stopword(std::string_view folded) const {
        return folded_stopwords_.count(std::string(folded)) != 0;
    }
    [[nodiscard]] bool is_elision(std::string_view folded_head) const { return elisions_.count(std::string(folded_head)) != 0; }
    [[nodiscard]] bool owns_apostrophe(std::string_view folded_word) const { return owners_.count(std::string(folded_word)) != 0; }
    /// True when some word owning its apostrophe starts with `folded_head` then an apostrophe
    /// (« aujourd », « quelqu »): the cheap test before owns_apostrophe, which needs the folded word.
    [[nodiscard]] bool may_own_apostrophe(std::string_view folded_head) const {
        return owner_heads_.count(std::string(folded_head)) != 0;
    }
    /// Protected names whose first folded part is `first_part`, longest first.
    [[nodiscard]] const std::vector<ProtectedName>* names_starting_with(const std::string& first_part) const;
    /// True when a single folded word is a protected name (never stemmed: « openai »).
    [[nodiscard]] bool is_protected_word(std::string_view folded) const { return protected_words_.count(std::string(folded)) != 0; }

private:
    std::unordered_set<std::string> stopwords_;
    std::unordered_set<std::string> folded_stopwords_;
    std::unordered_set<std::string> elisions_;
    std::unordered_set<std::string> owners_;
    std::unordered_set<std::string> owner_heads_;
    std::unordered_map<std::string, std::vector<ProtectedName>> names_;
    std::unordered_set<std::string> protected_words_;
};

}  // namespace veille
