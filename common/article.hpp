// article.hpp — one news article as readers produce it and the index stores it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace veille {

/// An article. Readers fill what their format carries; enrichment fills date (from text),
/// companies and topics; the document builder stores it.
struct Article {
    std::string id;
    std::string title;
    std::string body;
    std::string source;
    std::string url;
    std::string lang;
    std::optional<Date> date;
    DateOrigin date_origin = DateOrigin::None;
    std::vector<std::string> companies;  ///< canonical display names
    std::vector<std::string> topics;     ///< taxonomy display names
    std::vector<double> topic_scores;    ///< parallel to topics when extracted, else empty
};

/// Serialises the article as the Xapian document data (a compact binary record).
std::string to_document_data(const Article& article);
/// Inverse of to_document_data, which also reads the JSON data of older databases; throws Error on
/// malformed data.
Article from_document_data(const std::string& data);

}  // namespace veille
