// prepare.hpp — one record made ready to write: size check, analysis, enrichment, document.
#pragma once
#include <string>
#include <string_view>
#include <variant>

#include <xapian.h>

#include "common/article.hpp"
#include "indexer/readers/reader.hpp"

namespace veille {

class Enricher;

/// An article analysed, enriched and (when asked) turned into its Xapian document.
struct Prepared {
    Article article;
    std::string hash;
    Xapian::Document doc;
};
using Built = std::variant<Prepared, Rejected>;

/// The record, or a Rejected naming `file` when the article is larger than kMaxArticleBytes.
Record check_size(Record&& record, const std::string& file);

/// Text bytes (title + body) of an article record; 0 for a rejected one.
std::size_t text_bytes(const Record& record);

/// Analyses and enriches an article (thread-safe: Analyzer::standard() and `enricher` are shared);
/// builds its document when `build_doc`. A record already rejected passes through; an analysis
/// failure becomes a Rejected naming the article.
Built prepare(Record&& record, const Enricher& enricher, std::string_view salt, bool build_doc);

}  // namespace veille
