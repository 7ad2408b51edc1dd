// company_context.hpp — the rules that decide whether an ambiguous company name (Orange, Free, X) names the company.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/analyzer.hpp"

namespace veille {

/// The words (no compounds or names) of one analysed text.
struct WordRun {
    std::string_view text;
    std::vector<const Token*> words;
};

/// One company name found in a run: words [first, last] of runs[part].
struct NameHit {
    std::size_t part = 0;
    std::size_t first = 0;
    std::size_t last = 0;
    std::size_t company = 0;          ///< index of the company in the gazetteer
    bool ambiguous = false;           ///< also an ordinary word: needs a company context
    bool single_letter = false;       ///< « X », « H »: too often a mere letter for the weakest sign
    std::optional<std::string> rule;  ///< why it counts; unset = it does not
};

/// The context phrases of one company (companies.tsv, 4th column): stem sequences and the text as written.
struct CompanyCues {
    std::vector<std::vector<std::string>> stems;
    std::vector<std::string> text;
};

/// French cue words, analysed once, and the rules that use them. Immutable, so thread-safe.
class CompanyContext {
public:
    /// Analyses the built-in cue lists with `analyzer` (the one that analyses the articles).
    explicit CompanyContext(const Analyzer& analyzer);

    /// Sets the rule of each ambiguous hit that a company context supports. `hits` are all the names of one
    /// article (unambiguous ones already carry their rule), `runs` its analysed texts, `cues[c]` company
    /// c's context words. Evidence, strongest first: an unambiguous name of the same company in the article
    /// (« Twitter » for « X »); a cue next to the name (« l’opérateur Free », « Orange a annoncé »); a
    /// context word nearby (« abonnés »); business words in the sentence; an enumeration with a counted
    /// company (« Free, SFR et Orange »); another counted occurrence in the article.
    void judge(std::vector<NameHit>& hits, const std::vector<WordRun>& runs, const std::vector<CompanyCues>& cues) const;

private:
    [[nodiscard]] std::optional<std::string> cue_rule(const NameHit& hit, const WordRun& run) const;
    [[nodiscard]] std::optional<std::string> business_rule(const NameHit& hit, const WordRun& run) const;
    [[nodiscard]] std::vector<std::size_t> cue_slots_before(const WordRun& run, std::size_t i) const;

    std::vector<std::vector<std::string>> before_, after_, modifiers_, business_;  ///< stem sequences
};

}  // namespace veille
