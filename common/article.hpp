// article.hpp — one news article as readers produce it and the index stores it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

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

/// Serialises the article as a compact binary record (all of it: the content hash is taken on it).
std::string to_document_data(const Article& article);
/// Inverse of to_document_data, which also reads the JSON data of older databases; throws Error on
/// malformed data.
Article from_document_data(const std::string& data);

/// Stores the article in `doc`: its record without the body in slot::kRecord, the body
/// LZ4-compressed in slot::kBody (Lucene stores its fields the same way); the document data stays empty.
void store_article(Xapian::Document& doc, const Article& article);
/// The article store_article() put in `doc`, or the record, or whole article (JSON or binary), that
/// older databases keep in the document data; throws Error on damaged data.
Article stored_article(const Xapian::Document& doc);
/// The body as store_article() writes it to slot::kBody, and back (throws Error when damaged).
std::string pack_body(std::string_view body);
std::string unpack_body(std::string_view packed);

}  // namespace veille
