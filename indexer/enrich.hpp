// enrich.hpp — fills an article's date (from its text), companies and topics, and can say why.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/article.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"

namespace veille {

/// Why one company was attached to an article.
struct CompanyEvidence {
    std::string company;                ///< canonical display name
    bool from_input = false;            ///< listed in the input's `companies`
    std::vector<std::string> surfaces;  ///< distinct forms found in the text: « Free », « Iliad »
    std::vector<std::string> rules;     ///< distinct rules that counted them: "name", "cue «opérateur» before"
    int mentions = 0;                   ///< counted occurrences in title and body
};

/// Everything `veille-index --explain ID` shows about an article's extracted fields.
struct Evidence {
    DateOrigin date_origin = DateOrigin::None;
    std::string date_text;                     ///< the words the date was read from (text), or its ISO form
    std::vector<CompanyEvidence> companies;    ///< in the article's company order
    std::vector<CompanyMention> ignored;       ///< ambiguous names not counted (no company context)
    std::vector<std::string> candidates;       ///< capitalised names no company covers (name_candidates.hpp)
    bool topics_from_input = false;            ///< the input gave `topics`: kept, not extracted
    std::vector<TopicScore> topics;            ///< chosen topics with score and matched terms
    std::vector<TopicScore> runners_up;        ///< other topics that scored, best first
};

/// Enriches articles with the gazetteer and the taxonomy. Immutable; one instance serves every thread.
class Enricher {
public:
    Enricher(std::shared_ptr<const Gazetteer> gazetteer, std::shared_ptr<const Taxonomy> taxonomy);

    /// Completes `article` in place. Tokens are Analyzer::standard() of the title and body (analysed once
    /// by the caller, shared with the document builder).
    /// - companies: the input's, canonicalised when known (« facebook » → « Meta »), then those found in
    ///   the text, without duplicates;
    /// - topics: the input's (canonicalised) if any, else the taxonomy's 1–3 topics and topic_scores;
    /// - date: a metadata date is kept (origin Metadata); otherwise the first date of title + body
    ///   (« le 12 juillet 2025 »; origin Text); otherwise none (origin None).
    /// `evidence`, when given, receives the reasons.
    void enrich(Article& article, const std::vector<Token>& title_tokens, const std::vector<Token>& body_tokens,
                Evidence* evidence = nullptr) const;

    [[nodiscard]] const Gazetteer& gazetteer() const { return *gazetteer_; }
    [[nodiscard]] const Taxonomy& taxonomy() const { return *taxonomy_; }

private:
    std::shared_ptr<const Gazetteer> gazetteer_;
    std::shared_ptr<const Taxonomy> taxonomy_;
};

}  // namespace veille
