// extraction_report.hpp — extraction measured against hand annotations (corpus/eval/gold.jsonl).
#pragma once
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/date.hpp"

namespace veille {

struct IndexOptions;
class Enricher;

/// One line of a gold file: {"id", "companies": [...], "topics": [...], "date": "YYYY-MM-DD"|null}.
struct GoldEntry {
    std::string id;
    std::vector<std::string> companies;  ///< canonical names
    std::vector<std::string> topics;     ///< the first is the article's main topic
    std::optional<Date> date;
};

/// Reads a gold JSONL file; throws InputError "file:line: reason" on a malformed line.
std::vector<GoldEntry> read_gold(const std::string& path);

/// One difference between extraction and gold.
struct Disagreement {
    std::string id;
    std::string field;  ///< "company", "topic", "date"
    std::string kind;   ///< "missed" (gold only), "extra" (extracted only), "wrong" (dates)
    std::string value;  ///< the company or topic; for dates "got → expected"
};

/// Precision/recall counts over (article, value) pairs.
struct PairCounts {
    std::size_t true_positives = 0, false_positives = 0, false_negatives = 0;
    [[nodiscard]] double precision() const;  ///< 1 when nothing was extracted
    [[nodiscard]] double recall() const;     ///< 1 when gold is empty
    [[nodiscard]] double f1() const;
};

/// The figures of one comparison.
struct ExtractionReport {
    std::size_t articles = 0;          ///< enriched articles that have a gold entry
    std::size_t unmatched = 0;         ///< enriched articles without one (ignored)
    PairCounts companies;              ///< micro-averaged over (article, company)
    PairCounts topics;                 ///< micro-averaged over (article, topic)
    std::size_t main_topic_agree = 0;  ///< articles whose first gold topic is among the extracted ones
    std::size_t main_topic_total = 0;  ///< articles with at least one gold topic
    std::size_t text_dates = 0;        ///< articles whose date came from the text
    std::size_t text_dates_correct = 0;
    std::size_t undated = 0;           ///< articles with neither a metadata nor a text date
    std::vector<Disagreement> disagreements;

    [[nodiscard]] double topic_agreement() const;     ///< main_topic_agree / main_topic_total
    [[nodiscard]] double text_date_accuracy() const;  ///< 1 when no date came from the text
};

/// Compares enriched articles with gold entries (matched by id; names compared ignoring case and accents).
ExtractionReport compare_with_gold(const std::vector<Article>& enriched, const std::vector<GoldEntry>& gold);

/// Human-readable report: the figures, then one line per disagreement.
std::string report_text(const ExtractionReport& report);
/// The same as one JSON object.
std::string report_json(const ExtractionReport& report);

/// `veille-index --gold FILE PATH...`: reads and enriches PATH... without writing a database, compares
/// with FILE and prints the report (JSON with --json) to `out`. Returns the exit code: 0, or 3 when
/// some records were rejected.
int run_extraction_report(const IndexOptions& opt, const Enricher& enricher, std::ostream& out);

}  // namespace veille
