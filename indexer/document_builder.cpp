// document_builder.cpp — an article's terms (common/index_terms.hpp), filter terms and value slots.
#include "indexer/document_builder.hpp"

#include <cstdio>

#include "common/index_terms.hpp"
#include "common/schema.hpp"
#include "common/story/story_signature.hpp"
#include "common/text/fnv1a.hpp"

namespace veille {

Xapian::Document build_document(const Article& a, const std::vector<Token>& title, const std::vector<Token>& body,
                                const std::string& hash, const Analyzer& analyzer) {
    Xapian::Document doc;
    doc.add_boolean_term(id_term(a.id));
    Xapian::termpos title_end = 0;
    for (const Token& t : title) title_end = std::max<Xapian::termpos>(title_end, t.position);
    add_index_terms(doc, title, 0, TextField::Title);
    add_index_terms(doc, body, title_end + kBodyPositionGap, TextField::Body);

    const Field& company = field("company");
    const Field& topic = field("topic");
    const Field& source = field("source");
    for (const auto& c : a.companies) doc.add_boolean_term(filter_term(company, c, analyzer));
    for (const auto& t : a.topics) doc.add_boolean_term(filter_term(topic, t, analyzer));
    if (!a.source.empty()) {
        doc.add_boolean_term(filter_term(source, a.source, analyzer));
        doc.add_value(slot::kSource, a.source);
    }
    doc.add_value(slot::kCompanies, join_values(a.companies));
    doc.add_value(slot::kTopics, join_values(a.topics));
    if (a.date) {
        doc.add_value(slot::kDate, a.date->slot_value());
        if (a.date->month) {
            doc.add_value(slot::kMonth, a.date->month_key());
            doc.add_boolean_term(std::string(prefix::kMonth) + a.date->slot_value().substr(0, 6));
        }
        doc.add_boolean_term(std::string(prefix::kYear) + a.date->slot_value().substr(0, 4));
    }
    if (const auto signature = story_signature(a, title, body)) doc.add_value(slot::kStorySignature, signature->encode());
    doc.add_value(slot::kHash, hash);
    doc.add_value(slot::kId, a.id);
    store_article(doc, a);
    return doc;
}

std::string content_hash(const Article& as_read, std::string_view salt) {
    // Each piece ends with a byte no UTF-8 text holds.
    const std::uint64_t h =
        Fnv1a(kStoredHashBasis).add(salt).add_byte(0xff).add(to_document_data(as_read)).add_byte(0xff).value();
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace veille
