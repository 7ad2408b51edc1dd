// judgments.hpp — topics (TSV or TREC <top>) and TREC qrels readers for `veille-search eval`.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace veille {

/// One evaluation topic: an id and the query exactly as a user would type it (filters allowed).
struct Topic {
    std::string id;         ///< "q03"
    std::string query;      ///< "l'IA générative en Europe", "company:Mistral levée de fonds"
    std::size_t line = 0;   ///< 1-based line where the topic starts in its file
};

/// Judgments of one topic: document id → grade (0 non-relevant, 1, 2… relevant and graded;
/// negative = pooled but unjudged, as in trec_eval).
using TopicJudgments = std::map<std::string, int>;

/// Topic id → its judgments. std::map orders ids by byte value, i.e. trec_eval's strcmp order.
using Qrels = std::map<std::string, TopicJudgments>;

/// Parses topics from `text`, named `name` in errors. TREC format (`<top> <num> <title> </top>`)
/// when the first non-blank, non-comment line starts with '<'; otherwise TSV `qid<TAB>query`,
/// with blank lines and lines starting with '#' skipped.
/// Throws InputError(name, line, reason) on a malformed line, an empty id or query, or an id
/// given twice.
std::vector<Topic> parse_topics(std::string_view text, const std::string& name);

/// Reads the topics file at `path` (see parse_topics); InputError(path, 0, …) when unreadable.
std::vector<Topic> read_topics(const std::string& path);

/// Parses TREC qrels `qid iter docid rel` (whitespace-separated, `iter` ignored, `rel` an
/// integer), named `name` in errors; blank lines and '#' lines are skipped.
/// Throws InputError(name, line, reason) on a line without exactly four fields, a grade that is
/// not an integer, or a document judged twice for the same topic.
Qrels parse_qrels(std::string_view text, const std::string& name);

/// Reads the qrels file at `path` (see parse_qrels); InputError(path, 0, …) when unreadable.
Qrels read_qrels(const std::string& path);

/// Coverage warnings, one line each, without a "warning:" prefix: topics with no judgments
/// (left out of the means), judgments for topics absent from `topics` (ignored), and judged
/// topics with no relevant document (they score 0 on every metric).
std::vector<std::string> coverage_warnings(const std::vector<Topic>& topics, const Qrels& qrels);

}  // namespace veille
