// date_test.cpp — Date validity, ISO forms, slot encoding and day counts.
#include <catch2/catch.hpp>

#include "common/date.hpp"

using veille::Date;

TEST_CASE("Date validity follows the Gregorian calendar", "[common][dates]") {
    CHECK(Date{2025, 7, 12}.valid());
    CHECK(Date{2024, 2, 29}.valid());
    CHECK_FALSE(Date{2025, 2, 29}.valid());
    CHECK_FALSE(Date{2025, 2, 31}.valid());  // « 31/02/2025 »
    CHECK_FALSE(Date{1900, 2, 29}.valid());
    CHECK(Date{2000, 2, 29}.valid());
    CHECK(Date{2025, 7, 0}.valid());         // « juillet 2025 »
    CHECK(Date{2025, 0, 0}.valid());
    CHECK_FALSE(Date{2025, 0, 3}.valid());
    CHECK_FALSE(Date{2025, 13, 1}.valid());
    CHECK_FALSE(Date{0, 1, 1}.valid());
}

TEST_CASE("Date encodings", "[common][dates]") {
    CHECK(Date{2025, 7, 12}.iso() == "2025-07-12");
    CHECK(Date{2025, 7, 0}.iso() == "2025-07");
    CHECK(Date{2025, 0, 0}.iso() == "2025");
    CHECK(Date{2025, 7, 12}.slot_value() == "20250712");
    CHECK(Date{2025, 7, 0}.slot_value() == "20250700");
    CHECK(Date{2025, 7, 12}.month_key() == "2025-07");
    CHECK(Date{2025, 0, 0}.month_key().empty());
    CHECK(Date{1970, 1, 1}.days_since_epoch() == 0);
    CHECK(Date{2025, 7, 12}.days_since_epoch() - Date{2025, 7, 1}.days_since_epoch() == 11);
    CHECK(Date{2025, 1, 1}.days_since_epoch() - Date{2024, 1, 1}.days_since_epoch() == 366);
}

TEST_CASE("parse_iso_date accepts only the iso() forms", "[common][dates]") {
    CHECK(veille::parse_iso_date("2025-07-12") == Date{2025, 7, 12});
    CHECK(veille::parse_iso_date("2025-07") == Date{2025, 7, 0});
    CHECK(veille::parse_iso_date("2025") == Date{2025, 0, 0});
    CHECK_FALSE(veille::parse_iso_date("2025-02-31"));
    CHECK_FALSE(veille::parse_iso_date("2025-7-1"));
    CHECK_FALSE(veille::parse_iso_date("12/07/2025"));
    CHECK_FALSE(veille::parse_iso_date(""));
    CHECK_FALSE(veille::parse_iso_date("2025-07-12T10:00"));
}
