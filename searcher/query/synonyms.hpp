// synonyms.hpp — query-time synonym groups (FR ↔ EN, official French terms), looked up by folded words.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/analysis/analyzer.hpp"

namespace veille {

/// Synonym groups from synonyms.tsv (one group per line, members separated by |). Immutable, thread-safe.
class Synonyms {
public:
    /// The compiled-in synonyms.tsv, analysed with Analyzer::standard(); built once.
    static std::shared_ptr<const Synonyms> standard();

    /// Builds from the text of a synonyms.tsv file; throws InputError{origin, line} for a line with fewer
    /// than two members.
    Synonyms(std::string_view tsv, const std::string& origin, const Analyzer& analyzer);

    /// The other members of the group(s) of a query phrase, as folded text ready to analyse again.
    /// The phrase is given as the query units see it: folded words joined by one space, stop words left
    /// out, a compound or protected name as its whole folded form (« start-up » → « startup »).
    /// « ia » → {« ai », « intelligence artificielle », « artificial intelligence »};
    /// « logiciel rancon » → {« rancongiciel », « ransomware »}; unknown → {}.
    [[nodiscard]] std::vector<std::string> alternatives(std::string_view folded_phrase) const;

    /// Longest member, in query units: how many consecutive units a caller should try as one key.
    [[nodiscard]] std::size_t max_words() const { return max_words_; }
    /// Number of groups.
    [[nodiscard]] std::size_t group_count() const { return groups_.size(); }

private:
    struct Member {
        std::vector<std::string> keys;  ///< query-unit forms: « logiciel rancon »; « cyberattaque », « cyber attaque »
        std::string text;               ///< folded, as written: « logiciel de rancon »
    };
    [[nodiscard]] std::vector<std::string> keys_of(std::string_view text) const;

    Analyzer analyzer_;
    std::vector<std::vector<Member>> groups_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_key_;  ///< key → groups
    std::size_t max_words_ = 1;
};

}  // namespace veille
