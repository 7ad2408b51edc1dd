// date.hpp — a calendar date, possibly partial (year or year-month), and its encodings.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace veille {

/// Where an article's date came from.
enum class DateOrigin { None, Metadata, Text };

/// "metadata" / "text" / "none".
std::string_view to_string(DateOrigin origin);
/// The DateOrigin that to_string() names `name`; None for any other text.
DateOrigin parse_date_origin(std::string_view name);

/// A Gregorian date; month and day are 0 when unknown (« juillet 2025 » → 2025-07-00).
struct Date {
    int year = 0;
    int month = 0;  ///< 1..12, or 0 when only the year is known
    int day = 0;    ///< 1..31, or 0 when unknown

    /// True when the fields form a real date (31/02 is not).
    [[nodiscard]] bool valid() const;
    /// "2025-07-12", "2025-07" or "2025".
    [[nodiscard]] std::string iso() const;
    /// "2025-07" (histogram bucket); "" when the month is unknown.
    [[nodiscard]] std::string month_key() const;
    /// Sortable 8-digit "YYYYMMDD" for the date value slot; unknown parts become 00.
    [[nodiscard]] std::string slot_value() const;
    /// Days since 1970-01-01 (unknown parts taken as the first of the period).
    [[nodiscard]] long days_since_epoch() const;

    friend bool operator==(const Date&, const Date&) = default;
};

/// The full date `days` days after 1970-01-01 (the inverse of Date::days_since_epoch).
Date date_from_days(long days);

/// Parses "2025", "2025-07" or "2025-07-12" (the iso() forms); nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view text);

/// True for a leap year of the Gregorian calendar.
bool is_leap_year(int year);
/// Number of days in the month (1..12) of that year.
int days_in_month(int year, int month);

}  // namespace veille
