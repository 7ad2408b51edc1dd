// query_fields.cpp — field:value → filter queries through the schema; values are matched the way
// the indexer stored them (canonical company / topic names, folded).
#include <optional>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"
#include "common/schema.hpp"
#include "searcher/query/date_range.hpp"
#include "searcher/query/query_parser.hpp"

namespace veille {

namespace {

// Whole years (« 2020 », « 2018..2020 ») or whole months (« 2025-07 ») are the OR of their filter
// terms: their postings merge with the words' postings, where a value range reads the date of every
// candidate (« image date:2020 » at 100,000 articles ranked in 1.7 ms; with XY2020, 0.6 ms).
// Same matches: an article has XY<year> whenever it has a date, XM<month> whenever its month is known.
std::optional<Xapian::Query> period_terms(const DateRange& r) {
    if (r.low.size() != 8 || r.high.size() != 8 || r.high_exclusive) return std::nullopt;
    const int low_year = std::stoi(r.low.substr(0, 4)), high_year = std::stoi(r.high.substr(0, 4));
    std::vector<std::string> terms;
    if (r.low.ends_with("0000") && r.high.ends_with("9999") && high_year - low_year < 100) {
        for (int y = low_year; y <= high_year; ++y) terms.push_back(std::string(prefix::kYear) + std::to_string(y));
    } else if (low_year == high_year && r.low.ends_with("00") && r.high.ends_with("99") &&
               r.low.substr(0, 6) == r.high.substr(0, 6) && r.low.substr(4, 2) != "00") {
        terms.push_back(std::string(prefix::kMonth) + r.low.substr(0, 6));
    } else {
        return std::nullopt;
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Xapian::Query QueryParser::field_filter(const std::string& name, std::string_view raw, std::size_t column,
                                        std::string* display) const {
    std::string value(raw);
    while (!value.empty() && value.front() == '"') value.erase(value.begin());
    while (!value.empty() && value.back() == '"') value.pop_back();
    if (value.empty()) throw QueryError("empty value for field '" + name + ":'", column);
    const Field& f = field(name);
    if (f.kind == FieldKind::Date) {
        const DateRange r = parse_date_range(value, column);
        if (display) *display = value;
        const auto slot = f.slot;
        if (r.low.empty() && r.high.empty()) return Xapian::Query::MatchAll;
        if (auto terms = period_terms(r)) return *terms;
        if (r.high_exclusive) {
            // Strictly before `high`: everything up to it, minus `high` itself.
            return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, r.high),
                                 Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, r.high, r.high));
        }
        if (r.low.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, r.high);
        if (r.high.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, r.low);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, r.low, r.high);
    }
    std::string canonical = value;
    if (name == "company" && gazetteer_) {
        if (const std::string* c = gazetteer_->canonical(value)) canonical = *c;
    } else if (name == "topic" && taxonomy_) {
        if (const std::string* c = taxonomy_->canonical(value)) canonical = *c;
    }
    if (display) *display = canonical;
    return Xapian::Query(filter_term(f, canonical, analyzer_));
}

}  // namespace veille
