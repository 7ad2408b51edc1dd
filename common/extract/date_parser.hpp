// date_parser.hpp — dates from metadata (ISO 8601, RFC 822/3339, 12/07/2025) and from French prose.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

#include "common/date.hpp"

namespace veille {

/// A date metadata field, whole value: ISO 8601 / RFC 3339 (« 2025-07-12 », « 2025-07-12T08:30:00+02:00 »,
/// « 2025-07 », « 20250712 »), RFC 822/1123/850 (« Sat, 12 Jul 2025 08:30:00 +0200 », 2-digit years,
/// named zones), French numeric (« 12/07/2025 », « 12.07.2025 », « 12-07-2025 ») and French text
/// (« 12 juillet 2025 », « 1er août 2025 », « juillet 2025 »). The calendar date is kept as written:
/// the zone offset is checked, never applied. Impossible dates (31/02/2025) and trailing junk → nullopt.
std::optional<Date> parse_metadata_date(std::string_view text);

/// A date found in prose and its byte span [begin, end) in the text.
struct TextDate {
    Date date;
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// The first publication-like date of French prose: « le 12 juillet 2025 », « 1er août 2024 »,
/// « mardi 3 septembre 2024 » (span includes the weekday), « 3 sept. 2024 », « 12/07/2025 »; any case,
/// accents optional. A day and month without year (« mardi 3 septembre ») take `context_year`, else the
/// nearest year 2000–2099 written in the text. Full dates win over « juillet 2025 » (→ 2025-07-00),
/// which is returned only when the text has no full date. Years outside 1990–2100 and impossible dates
/// are skipped. Safe on any bytes (invalid UTF-8, NUL).
std::optional<TextDate> find_date_in_text(std::string_view text, std::optional<int> context_year = std::nullopt);

/// A whole query value: « juillet 2025 », « 12 juillet 2025 », « le 1er août 2025 », « 2025 »,
/// « 2025-07 », « 12/07/2025 »; nullopt when it is not exactly one date.
std::optional<Date> parse_french_date(std::string_view text);

/// Month number 1–12 of a French month name or abbreviation, any case, accents optional
/// (« Août », « aout », « sept », « déc »); 0 when it is not one.
int french_month(std::string_view word);

}  // namespace veille
