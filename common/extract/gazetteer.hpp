// gazetteer.hpp — company names and aliases matched on analysed tokens; context rules for ambiguous names.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/data_files.hpp"
#include "common/extract/company_context.hpp"

namespace veille {

/// A text together with its tokens (the output of Analyzer::analyze on exactly that text).
struct TokenizedText {
    std::string_view text;
    const std::vector<Token>* tokens = nullptr;
};

/// One occurrence of a company name in a text.
struct CompanyMention {
    std::string company;        ///< canonical display name: « Meta »
    std::string surface;        ///< as written, elided article removed: « Facebook » for « de Facebook »
    std::size_t part = 0;       ///< index of the TokenizedText it was found in (0 = title for the enricher)
    std::size_t begin = 0;      ///< byte span of the surface in that text
    std::size_t end = 0;
    std::uint32_t position = 0; ///< word position of its first word
    bool ambiguous = false;     ///< the name is also an ordinary word (Orange, Free, X)
    bool counted = true;        ///< false: an ambiguous name left out for lack of company context
    std::string rule;           ///< why it counts or not: "name", "context « opérateur »", "no company context"…
};

/// The company gazetteer. Immutable once built, so one instance serves every thread.
class Gazetteer {
public:
    /// The gazetteer of the compiled-in companies.tsv, analysed with Analyzer::standard(); built once.
    static std::shared_ptr<const Gazetteer> standard();

    /// Builds from parsed companies.tsv rows (rows sharing a canonical are merged). The analyzer must be
    /// the one that analyses the texts later (names are matched on its folded forms).
    Gazetteer(const std::vector<CompanyEntry>& entries, const Analyzer& analyzer);

    /// Builds from the text of a companies.tsv file (the override flag); throws InputError{origin, line}.
    Gazetteer(std::string_view tsv, const std::string& origin, const Analyzer& analyzer);

    /// A gazetteer from a companies.tsv file, analysed with Analyzer::standard() (the analyzer that reads
    /// the articles); throws InputError naming the path and line.
    static std::shared_ptr<const Gazetteer> from_file(const std::string& path);

    /// Every occurrence of a known name in the parts of one article, counted or not, ordered by part then
    /// position. Parts are judged together: « Twitter » in the body confirms « X » in the title.
    /// « PDG d’OpenAI » → {OpenAI, "name"}; « la couleur orange » → nothing (lower case);
    /// « Orange a annoncé » → {Orange, counted, "cue « annonc »"}.
    [[nodiscard]] std::vector<CompanyMention> find(const std::vector<TokenizedText>& parts) const;

    /// Same, for a single text.
    [[nodiscard]] std::vector<CompanyMention> find(const std::vector<Token>& tokens, std::string_view text) const;

    /// Distinct canonical names of the counted mentions, in order of first mention.
    [[nodiscard]] std::vector<std::string> companies(const std::vector<TokenizedText>& parts) const;
    [[nodiscard]] std::vector<std::string> companies(const std::vector<Token>& tokens, std::string_view text) const;

    /// The canonical name for a user-typed value (any case or accents, alias or canonical):
    /// « facebook » → « Meta », « OPENAI » → « OpenAI », « free » → « Iliad »; nullptr when unknown.
    [[nodiscard]] const std::string* canonical(std::string_view name) const;

    /// Canonical names, in file order.
    [[nodiscard]] const std::vector<std::string>& company_names() const { return canonicals_; }
    /// Number of distinct names (canonicals and aliases) known.
    [[nodiscard]] std::size_t name_count() const { return by_folded_.size(); }

    /// One name as matched: its folded word parts and how it was written in the file.
    struct Form {
        std::vector<std::string> parts;     ///< folded words: {"mistral", "ai"}
        std::vector<std::string> surfaces;  ///< as written: {"Mistral", "AI"}
        std::vector<std::string> gaps;      ///< text between written words: {" "}
        std::string suffix;                 ///< symbols after the last word: "+" for « Canal+ »
        std::size_t company = 0;            ///< index into canonicals_
        bool ambiguous = false;
    };

private:
    void build(const std::vector<CompanyEntry>& entries);
    [[nodiscard]] std::vector<std::string> words_of(std::string_view text) const;

    Analyzer analyzer_;  ///< a copy (it shares the lexicon) so overrides need no lifetime care
    std::vector<std::string> canonicals_;
    std::vector<CompanyCues> cues_;                                         ///< parallel to canonicals_
    CompanyContext context_;
    std::unordered_map<std::string, std::vector<Form>> forms_by_first_;    ///< longest first
    std::unordered_map<std::string, std::size_t> by_folded_;               ///< folded name → company
};

}  // namespace veille
