// taxonomy.hpp — topics from weighted terms matched on analysed tokens; top 1–3 with score and evidence.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/analysis/analyzer.hpp"

namespace veille {

/// How one taxonomy term matched an article.
struct TermMatch {
    std::string term;       ///< as written in topics.tsv: « centres de données »
    double weight = 0;      ///< its weight in topics.tsv
    int title_count = 0;    ///< occurrences in the title
    int body_count = 0;     ///< occurrences in the body
};

/// A topic's score for one article and the terms behind it (strongest contribution first).
struct TopicScore {
    std::string topic;  ///< display name: « cybersécurité »
    double score = 0;   ///< length-normalised; comparable across articles
    std::vector<TermMatch> matches;
};

/// The topic taxonomy. Immutable once built, so one instance serves every thread.
class Taxonomy {
public:
    /// The taxonomy of the compiled-in topics.tsv, analysed with Analyzer::standard(); built once.
    static std::shared_ptr<const Taxonomy> standard();

    /// Builds from the text of a topics.tsv file (topic<TAB>term<TAB>weight); throws InputError{origin, line}
    /// for a missing column or a weight that is not a positive number.
    Taxonomy(std::string_view tsv, const std::string& origin, const Analyzer& analyzer);

    /// A taxonomy from a topics.tsv file, analysed with Analyzer::standard() (the analyzer that reads the
    /// articles); throws InputError naming the path and line.
    static std::shared_ptr<const Taxonomy> from_file(const std::string& path);

    /// Scores of every topic with at least one matching term, best first (ties by taxonomy order).
    /// Title and body are the analyser's tokens of each; title matches weigh more.
    [[nodiscard]] std::vector<TopicScore> score(const std::vector<Token>& title,
                                                const std::vector<Token>& body) const;

    /// The article's topics: the best one when it reaches kMinScore, plus up to two more that reach
    /// kMinScore and kRelativeScore × the best; empty when nothing reaches kMinScore.
    [[nodiscard]] std::vector<TopicScore> classify(const std::vector<Token>& title,
                                                   const std::vector<Token>& body) const;

    /// The display name for a user-typed value, any case or accents, hyphens or spaces, singular or plural:
    /// « cybersecurite » → « cybersécurité », « jeux video » → « jeux vidéo »; nullptr when unknown.
    [[nodiscard]] const std::string* canonical(std::string_view value) const;

    /// Display names, in file order.
    [[nodiscard]] const std::vector<std::string>& topics() const { return topics_; }
    /// Number of distinct (topic, term) rows.
    [[nodiscard]] std::size_t term_count() const { return terms_.size(); }

    /// Below this a topic is noise: one weight-3 term once in the body of a short article just reaches it.
    static constexpr double kMinScore = 3.0;
    /// Secondary topics need this share of the best. With kMinScore, chosen on the bundled corpus from a
    /// flat optimum (F1 within 0.01 for 2.5–4 × 0.2–0.25).
    static constexpr double kRelativeScore = 0.25;
    static constexpr std::size_t kMaxTopics = 3;

private:
    struct Term {
        std::string text;
        std::vector<std::string> stems;
        std::vector<std::string> folded;    ///< folded words, to tell inflections from derivations (see .cpp)
        double weight = 0;
        std::size_t topic = 0;
    };
    [[nodiscard]] std::string key_of(std::string_view value) const;
    [[nodiscard]] std::string singular_key(std::string_view value) const;

    Analyzer analyzer_;  ///< a copy (it shares the lexicon) so overrides need no lifetime care
    std::vector<std::string> topics_;
    std::vector<Term> terms_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_first_stem_;  ///< → terms_, longest first
    std::unordered_map<std::string, std::size_t> by_key_;                       ///< → topics_
};

}  // namespace veille
