// document_builder.hpp — Article + analysed tokens → Xapian::Document (terms, positions, values, data).
#pragma once
#include <string>
#include <vector>

#include <xapian.h>

#include "common/analysis/analyzer.hpp"
#include "common/article.hpp"

namespace veille {

/// Title positions start at 1; body positions start this far after the title's last, so that a phrase
/// never spans the title and the body.
inline constexpr Xapian::termpos kBodyPositionGap = 100;

/// Builds the document of an enriched article. `hash` is stored for change detection.
Xapian::Document build_document(const Article& article, const std::vector<Token>& title,
                                const std::vector<Token>& body, const std::string& hash,
                                const Analyzer& analyzer);

/// A stable 64-bit hash (hex) of the article as read (before enrichment), salted with the
/// schema version and the extraction data, so that new rules re-index unchanged articles.
std::string content_hash(const Article& as_read, std::string_view salt);

}  // namespace veille
