// date_range.cpp — ranges over the sortable slot encoding of common/date.hpp.
#include "searcher/query/date_range.hpp"

#include "common/date.hpp"
#include "common/error.hpp"
#include "common/extract/date_parser.hpp"
#include "common/text/ascii.hpp"

namespace veille {

namespace {

constexpr const char* kForms =
    "expected 2025, 2025-07, 2025-07-12, 2025-07-01..2025-09-30, >=2025-07-01 or \"juillet 2025\"";

// A value may come quoted (date:"juillet 2025") or padded (a..b typed with spaces): both are dropped.
std::string unquote(std::string_view s) {
    const auto edge = [](char c) { return is_space(c) || c == '"'; };
    while (!s.empty() && edge(s.front())) s.remove_prefix(1);
    while (!s.empty() && edge(s.back())) s.remove_suffix(1);
    return std::string(s);
}

std::optional<Date> one_date(std::string_view text) {
    if (auto d = parse_iso_date(text)) return d;
    if (auto d = parse_french_date(text)) return d;
    return parse_metadata_date(text);
}

// The first and last slot values a (possibly partial) date covers.
std::string first_of(const Date& d) { return d.slot_value(); }
std::string last_of(const Date& d) {
    Date e = d;
    if (e.month == 0) return std::to_string(e.year) + "9999";
    if (e.day == 0) return e.slot_value().substr(0, 6) + "99";
    return e.slot_value();
}

Date parse_or_throw(std::string_view text, std::size_t column) {
    const auto d = one_date(unquote(text));
    if (!d) throw QueryError("bad date '" + std::string(text) + "': " + kForms, column);
    return *d;
}

}  // namespace

DateRange parse_date_range(std::string_view raw, std::size_t column) {
    const std::string value = unquote(raw);
    if (value.empty()) throw QueryError(std::string("empty date: ") + kForms, column);
    if (const auto dots = value.find(".."); dots != std::string::npos) {
        DateRange r;
        const std::string from = value.substr(0, dots), to = value.substr(dots + 2);
        if (from.empty() && to.empty()) throw QueryError(std::string("empty date range: ") + kForms, column);
        if (!from.empty()) r.low = first_of(parse_or_throw(from, column));
        if (!to.empty()) r.high = last_of(parse_or_throw(to, column));
        if (!r.low.empty() && !r.high.empty() && r.low > r.high)
            throw QueryError("date range '" + value + "' ends before it starts", column);
        return r;
    }
    for (std::string_view op : {">=", "<=", ">", "<"}) {
        if (value.rfind(op, 0) != 0) continue;
        const Date d = parse_or_throw(std::string_view(value).substr(op.size()), column);
        if (op == ">=") return {first_of(d), ""};
        if (op == "<=") return {"", last_of(d)};
        if (op == ">") {
            // Strictly after the period: one past its last slot value.
            std::string last = last_of(d);
            return {last + "~", ""};  // '~' sorts after every digit, so "last~" > last and < any later date
        }
        return {"", first_of(d), true};
    }
    const Date d = parse_or_throw(value, column);
    return {first_of(d), last_of(d)};
}

}  // namespace veille
