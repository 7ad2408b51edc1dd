// date.cpp — validation and encodings of Date.
#include "common/date.hpp"

#include <charconv>
#include <cstdio>

namespace veille {

std::string_view to_string(DateOrigin origin) {
    switch (origin) {
        case DateOrigin::Metadata: return "metadata";
        case DateOrigin::Text: return "text";
        case DateOrigin::None: break;
    }
    return "none";
}

DateOrigin parse_date_origin(std::string_view name) {
    return name == "metadata" ? DateOrigin::Metadata : name == "text" ? DateOrigin::Text : DateOrigin::None;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool Date::valid() const {
    if (year < 1 || year > 9999 || month < 0 || month > 12 || day < 0) return false;
    if (month == 0) return day == 0;
    return day <= days_in_month(year, month);
}

std::string Date::iso() const {
    char buf[16];
    if (month == 0) std::snprintf(buf, sizeof buf, "%04d", year);
    else if (day == 0) std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::month_key() const {
    if (month == 0) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

std::string Date::slot_value() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
    return buf;
}

long Date::days_since_epoch() const {
    // Howard Hinnant's days_from_civil, valid for the proleptic Gregorian calendar.
    const int m = month ? month : 1;
    const int d = day ? day : 1;
    const int y = year - (m <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date date_from_days(long days) {
    // Howard Hinnant's civil_from_days, the inverse of days_from_civil above.
    const long z = days + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}

std::optional<Date> parse_iso_date(std::string_view text) {
    auto number = [&](std::size_t pos, std::size_t len, int& out) {
        if (pos + len > text.size()) return false;
        for (std::size_t i = pos; i < pos + len; ++i)
            if (text[i] < '0' || text[i] > '9') return false;
        std::from_chars(text.data() + pos, text.data() + pos + len, out);
        return true;
    };
    Date d;
    if (!number(0, 4, d.year)) return std::nullopt;
    if (text.size() == 4) return d.valid() ? std::optional(d) : std::nullopt;
    if (text.size() < 7 || text[4] != '-' || !number(5, 2, d.month) || d.month == 0) return std::nullopt;
    if (text.size() == 7) return d.valid() ? std::optional(d) : std::nullopt;
    if (text.size() != 10 || text[7] != '-' || !number(8, 2, d.day) || d.day == 0) return std::nullopt;
    return d.valid() ? std::optional(d) : std::nullopt;
}

}  // namespace veille
