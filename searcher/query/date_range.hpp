// date_range.hpp — date: values (2025, 2025-07, a..b, >=, « juillet 2025 ») → a range of the date slot.
#pragma once
#include <string>
#include <string_view>

namespace veille {

/// An inclusive range of "YYYYMMDD" slot values (unknown day/month stored as 00 fall inside).
struct DateRange {
    std::string low;   ///< "" = open
    std::string high;  ///< "" = open
    bool high_exclusive = false;  ///< « <2025-07-01 »: strictly before `high`
};

/// Parses a date: value; throws QueryError(column) with the accepted forms when it cannot.
DateRange parse_date_range(std::string_view value, std::size_t column);

}  // namespace veille
