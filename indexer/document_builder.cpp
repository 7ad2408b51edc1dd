// document_builder.cpp — which terms each token becomes (see common/schema.hpp for the prefixes).
#include "indexer/document_builder.hpp"

#include <cstdio>

#include "common/schema.hpp"

namespace veille {

namespace {

constexpr std::size_t kMaxTermBytes = 240;  // Xapian's limit is 245 bytes per term

// Terms are spelt in one reused buffer: a string built per token cost an allocation for every word
// longer than the short-string buffer.
const std::string& term_of(std::string_view prefix, const std::string& word) {
    thread_local std::string term;
    term.assign(prefix);
    term += word;
    return term;
}

void add_positional(Xapian::Document& doc, std::string_view prefix, const std::string& word, Xapian::termpos pos) {
    if (word.empty() || prefix.size() + word.size() > kMaxTermBytes) return;
    doc.add_posting(term_of(prefix, word), pos);
}

void add_plain(Xapian::Document& doc, std::string_view prefix, const std::string& word) {
    if (word.empty() || prefix.size() + word.size() > kMaxTermBytes) return;
    doc.add_term(term_of(prefix, word));
}

// Words get a positional stem (matching, phrases), plus the exact form and, when accents make it
// differ, the folded form, without positions (exact search, prefix search, did-you-mean). Stop words
// get nothing but keep their position, so that phrases measure the gap they leave (schema.hpp).
// Compounds and names are single terms at no position of their own.
void index_tokens(Xapian::Document& doc, const std::vector<Token>& tokens, Xapian::termpos offset, bool title) {
    for (const Token& t : tokens) {
        const bool word = t.kind == TokenKind::Word || t.kind == TokenKind::Number;
        if (word) {
            if (t.stopword) continue;
            add_positional(doc, prefix::kStem, t.stem, offset + t.position);
            if (title) add_positional(doc, prefix::kTitleStem, t.stem, t.position);
        } else {
            add_plain(doc, prefix::kStem, t.stem);
            if (title) add_plain(doc, prefix::kTitleStem, t.stem);
        }
        add_plain(doc, prefix::kExact, t.exact);
        if (t.folded != t.exact) add_plain(doc, prefix::kFolded, t.folded);
    }
}

}  // namespace

Xapian::Document build_document(const Article& a, const std::vector<Token>& title, const std::vector<Token>& body,
                                const std::string& hash, const Analyzer& analyzer) {
    Xapian::Document doc;
    doc.add_boolean_term(id_term(a.id));
    Xapian::termpos title_end = 0;
    for (const Token& t : title) title_end = std::max<Xapian::termpos>(title_end, t.position);
    index_tokens(doc, title, 0, true);
    index_tokens(doc, body, title_end + kBodyPositionGap, false);

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
    doc.add_value(slot::kHash, hash);
    doc.add_value(slot::kId, a.id);
    store_article(doc, a);
    return doc;
}

std::string content_hash(const Article& as_read, std::string_view salt) {
    // FNV-1a: stable across runs and platforms (std::hash is not).
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= 0xff;
        h *= 1099511628211ULL;
    };
    mix(salt);
    mix(to_document_data(as_read));
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace veille
