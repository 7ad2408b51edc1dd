// query_fields.cpp — field:value → filter queries through the schema; values are matched the way
// the indexer stored them (canonical company / topic names, folded).
#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"
#include "common/schema.hpp"
#include "searcher/date_range.hpp"
#include "searcher/query_parser.hpp"

namespace veille {

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
