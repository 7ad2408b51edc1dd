// date_parser.cpp — dates from metadata (ISO 8601, RFC 822/3339, French numeric) and from French prose.
#include "common/extract/date_parser.hpp"

#include "common/extract/date_lexer.hpp"
#include "common/text/ascii.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace veille {
namespace {

// Everything below works on the token stream of date_lexer rather than on regexes: one lexer folds
// case and accents (« AOÛT » → aout) and records byte spans, so metadata, prose and query values
// share the same month tables, and hostile bytes can only ever become punctuation tokens.

constexpr std::size_t kMaxMetadata = 256;  // a metadata date is short; longer values are not dates

using Tok = DateToken;
using Kind = DateTokenKind;

struct Name {
    std::string_view name;
    int value;
};

constexpr Name kFrenchMonths[] = {
    {"janvier", 1}, {"janv", 1},     {"jan", 1},       {"fevrier", 2}, {"fevr", 2},     {"fev", 2},
    {"mars", 3},    {"avril", 4},    {"avr", 4},       {"mai", 5},     {"juin", 6},     {"juillet", 7},
    {"juil", 7},    {"aout", 8},     {"septembre", 9}, {"sept", 9},    {"sep", 9},      {"octobre", 10},
    {"oct", 10},    {"novembre", 11}, {"nov", 11},     {"decembre", 12}, {"dec", 12}};

constexpr Name kEnglishMonths[] = {
    {"january", 1}, {"february", 2}, {"feb", 2},       {"march", 3},   {"mar", 3},      {"april", 4},
    {"apr", 4},     {"may", 5},      {"june", 6},      {"jun", 6},     {"july", 7},     {"jul", 7},
    {"august", 8},  {"aug", 8},      {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12}};

constexpr std::string_view kWeekdays[] = {
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lun", "mar", "mer", "jeu",
    "ven", "sam", "dim", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"};
constexpr std::size_t kFrenchFullWeekdays = 7;

int lookup(const Tok& t, const Name* begin, const Name* end) {
    if (t.kind != Kind::Word || t.size != t.kept) return 0;
    for (const Name* n = begin; n != end; ++n)
        if (n->name == t.str()) return n->value;
    return 0;
}

bool is_weekday(const Tok& t, bool french_full_only) {
    const std::size_t count = french_full_only ? kFrenchFullWeekdays : std::size(kWeekdays);
    return std::any_of(kWeekdays, kWeekdays + count, [&](std::string_view w) { return t.is_word(w); });
}

// What the grammar accepts: prose is strict (French months, whitespace only, years 1990–2100);
// metadata also takes RFC 822 English months, 2-digit years and RFC 850 « 12-Jul-25 ».
struct Rules {
    bool metadata = false;
    int min_year = 1;
    int max_year = 9999;
};

int month_of(const Tok& t, const Rules& r) {
    if (const int m = lookup(t, std::begin(kFrenchMonths), std::end(kFrenchMonths))) return m;
    return r.metadata ? lookup(t, std::begin(kEnglishMonths), std::end(kEnglishMonths)) : 0;
}

// A year token: 4 digits, or (metadata) 2 digits with the RFC 2822 §4.3 pivot 00–49 → 20xx; else 0.
int year_of(const Tok& t, const Rules& r) {
    if (t.digits() == 4) return t.number();
    if (t.digits() == 2 && r.metadata) return t.number() + (t.number() < 50 ? 2000 : 1900);
    return 0;
}

struct Match {
    Date date;
    std::size_t next = 0;  // index of the first token after the match
    bool has_year = false;
};

// A real date in the rules' year range; `full` also needs the day (« 00/07/2025 » is not a date).
bool good(const Date& d, const Rules& r, bool full) {
    return d.valid() && d.year >= r.min_year && d.year <= r.max_year && d.month > 0 && (!full || d.day > 0);
}

// DAY[er] MONTH[.] [YEAR] at t[i] (« 1er août 2025 », « 3 sept. 2024 », metadata « 12-Jul-25 »).
std::optional<Match> day_month_year(const std::vector<Tok>& t, std::size_t i, const Rules& r) {
    if (t[i].digits() == 0 || t[i].digits() > 2) return std::nullopt;
    Match m;
    m.date.day = t[i].number();
    std::size_t j = i + 1;
    if (m.date.day == 1 && j < t.size() && !t[j].spaced && t[j].is_word("er")) ++j;
    char sep = 0;
    if (r.metadata && j < t.size() && !t[j].spaced && (t[j].is_punct('-') || t[j].is_punct('/'))) sep = t[j++].text[0];
    if (j >= t.size() || t[j].spaced != (sep == 0)) return std::nullopt;
    if ((m.date.month = month_of(t[j++], r)) == 0) return std::nullopt;
    if (j < t.size() && !t[j].spaced && t[j].is_punct('.')) ++j;
    m.next = j;
    std::size_t k = j;
    if (sep) {
        if (k + 1 >= t.size() || t[k].spaced || t[k + 1].spaced || !t[k].is_punct(sep)) return std::nullopt;
        ++k;
    } else if (r.metadata && k < t.size() && t[k].is_punct(',')) {
        ++k;
    }
    if (k < t.size() && t[k].spaced == (sep == 0)) {
        if (const int y = year_of(t[k], r)) {
            m.date.year = y;
            m.has_year = true;
            m.next = k + 1;
        }
    }
    if (sep && !m.has_year) return std::nullopt;
    return m;
}

// MONTH[.] DAY[,] YEAR (metadata « July 12, 2025 »).
std::optional<Match> month_day_year(const std::vector<Tok>& t, std::size_t i, const Rules& r) {
    Match m;
    if ((m.date.month = month_of(t[i], r)) == 0) return std::nullopt;
    std::size_t j = i + 1;
    if (j < t.size() && !t[j].spaced && t[j].is_punct('.')) ++j;
    if (j >= t.size() || !t[j].spaced || t[j].digits() == 0 || t[j].digits() > 2) return std::nullopt;
    m.date.day = t[j++].number();
    if (j < t.size() && t[j].is_punct(',')) ++j;
    if (j >= t.size() || !t[j].spaced || t[j].digits() != 4) return std::nullopt;
    m.date.year = t[j].number();
    m.has_year = true;
    m.next = j + 1;
    return m;
}

// MONTH[.] YEAR (« juillet 2025 », « sept. 2024 ») → day 0.
std::optional<Match> month_year(const std::vector<Tok>& t, std::size_t i, const Rules& r) {
    Match m;
    if ((m.date.month = month_of(t[i], r)) == 0) return std::nullopt;
    std::size_t j = i + 1;
    if (j < t.size() && !t[j].spaced && t[j].is_punct('.')) ++j;
    if (j >= t.size() || !t[j].spaced || t[j].digits() != 4) return std::nullopt;
    m.date.year = t[j].number();
    m.has_year = true;
    m.next = j + 1;
    return m;
}

// DD/MM/YYYY, DD.MM.YYYY, DD-MM-YYYY (one separator, no spaces), or YYYY-MM-DD; 2-digit years in metadata.
std::optional<Match> numeric_date(const std::vector<Tok>& t, std::size_t i, const Rules& r) {
    if (i + 4 >= t.size()) return std::nullopt;
    for (std::size_t k = i + 1; k <= i + 4; ++k)
        if (t[k].spaced) return std::nullopt;
    const char sep = t[i + 1].kind == Kind::Punct ? t[i + 1].text[0] : 0;
    if ((sep != '/' && sep != '.' && sep != '-') || !t[i + 3].is_punct(sep)) return std::nullopt;
    const Tok& a = t[i];
    const Tok& b = t[i + 2];
    const Tok& c = t[i + 4];
    Match m;
    m.next = i + 5;
    m.has_year = true;
    if (a.digits() == 4 && sep != '.' && b.digits() >= 1 && b.digits() <= 2 && c.digits() >= 1 && c.digits() <= 2) {
        m.date = Date{a.number(), b.number(), c.number()};
        return m;
    }
    if (a.digits() < 1 || a.digits() > 2 || b.digits() < 1 || b.digits() > 2) return std::nullopt;
    m.date = Date{year_of(c, r), b.number(), a.number()};
    if (m.date.year == 0) return std::nullopt;
    return m;
}

// RFC 822 zone names, single military letters (Z) and the usual European abbreviations.
bool is_zone(const Tok& t) {
    static constexpr std::string_view kZones[] = {"ut", "utc", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt",
                                                  "pst", "pdt", "cet", "cest", "met", "mest", "bst", "wet",
                                                  "west", "eet", "eest", "ist", "jst"};
    return (t.kind == Kind::Word && t.size == 1) ||
           std::any_of(std::begin(kZones), std::end(kZones), [&](std::string_view z) { return t.is_word(z); });
}

// A time and/or zone after the date: « 08:30:00 +0200 », « 08:30Z », « 08:30:00.123+02:00 »,
// « 083000Z », « à 8h30 », « GMT », « +0200 (CEST) ». The offset is validated but not applied: the
// article's calendar date is the one its author wrote (RFC 3339 §4.2 local time).
bool valid_tail(const std::vector<Tok>& t, std::size_t k) {
    auto two = [&](std::size_t i, int max) { return i < t.size() && t[i].digits() == 2 && t[i].number() <= max; };
    if (k < t.size() && t[k].is_punct(':') && !t[k].spaced) ++k;  // Apache « 12/Jul/2025:08:30:00 »
    if (k < t.size() && (t[k].is_word("a") || t[k].is_word("at"))) ++k;
    if (k < t.size() && t[k].kind == Kind::Number) {
        const std::size_t n = t[k].digits();
        const int v = t[k].number();
        if (n == 4 || n == 6) {
            const int hh = n == 4 ? v / 100 : v / 10000;
            const int mm = n == 4 ? v % 100 : v / 100 % 100;
            if (hh > 24 || mm > 59 || (n == 6 && v % 100 > 60)) return false;
            ++k;
        } else if (n <= 2 && v <= 24) {
            ++k;
            if (k < t.size() && t[k].is_word("h")) {
                ++k;
                if (k < t.size() && !t[k].spaced && two(k, 59)) ++k;
            } else {
                if (k + 1 >= t.size() || !t[k].is_punct(':') || !two(k + 1, 59)) return false;
                k += 2;
                if (k + 1 < t.size() && t[k].is_punct(':') && two(k + 1, 60)) k += 2;
                if (k + 1 < t.size() && (t[k].is_punct('.') || t[k].is_punct(',')) && t[k + 1].digits()) k += 2;
            }
        } else {
            return false;
        }
    }
    if (k < t.size() && is_zone(t[k])) ++k;
    if (k + 1 < t.size() && (t[k].is_punct('+') || t[k].is_punct('-')) && t[k + 1].digits()) {
        const std::size_t n = t[k + 1].digits();
        if (n != 1 && n != 2 && n != 4) return false;
        k += 2;
        if (n <= 2 && k + 1 < t.size() && t[k].is_punct(':') && two(k + 1, 59)) k += 2;
    }
    if (k + 2 < t.size() && t[k].is_punct('(') && t[k + 1].kind == Kind::Word && t[k + 2].is_punct(')')) k += 3;
    return k == t.size();
}


// ISO 8601 / RFC 3339, extended (2025-07-12, 2025-07, 2025/07/12) or basic (20250712), then a tail.
std::optional<Date> iso_date(std::string_view s) {
    auto is_digit = [&](std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
    auto read = [&](std::size_t& i, std::size_t max) {
        int v = 0;
        std::size_t n = 0;
        for (; n < max && is_digit(i); ++n) v = v * 10 + (s[i++] - '0');
        return n ? v : -1;
    };
    std::size_t i = 0;
    const int year = read(i, 4);
    if (i != 4) return std::nullopt;
    Date d{year, 0, 0};
    if (i == s.size()) return d.valid() ? std::optional(d) : std::nullopt;
    if (is_digit(i)) {
        d.month = read(i, 2);
        d.day = read(i, 2);
        if (i != 8 || is_digit(i)) return std::nullopt;
    } else if (s[i] == '-' || s[i] == '/') {
        const char sep = s[i++];
        d.month = read(i, 2);
        if (d.month <= 0) return std::nullopt;
        if (i == s.size()) return sep == '-' && d.valid() ? std::optional(d) : std::nullopt;
        if (s[i] != sep) return std::nullopt;
        ++i;
        d.day = read(i, 2);
    } else {
        return std::nullopt;
    }
    if (d.month <= 0 || d.day <= 0 || !d.valid()) return std::nullopt;
    if (i < s.size() && (s[i] == 'T' || s[i] == 't')) ++i;
    if (!valid_tail(lex_date(s.substr(i)), 0)) return std::nullopt;
    return d;
}

// Whole-value textual and numeric forms, with an optional leading « le »/« en » and weekday.
std::optional<Date> textual_date(std::string_view s) {
    const std::vector<Tok> t = lex_date(s);
    const Rules r{true, 1, 9999};
    std::size_t start = 0;
    if (!t.empty() && (t[0].is_word("le") || t[0].is_word("en"))) start = 1;
    for (const bool skip_weekday : {true, false}) {
        std::size_t k = start;
        if (skip_weekday) {
            if (k >= t.size() || !is_weekday(t[k], false)) continue;
            ++k;
            if (k < t.size() && t[k].is_punct('.')) ++k;
            if (k < t.size() && t[k].is_punct(',')) ++k;
        }
        if (k >= t.size()) return std::nullopt;
        for (auto* rule : {&numeric_date, &day_month_year, &month_day_year}) {
            const auto m = rule(t, k, r);
            if (m && m->has_year && good(m->date, r, true) && valid_tail(t, m->next)) return m->date;
        }
        if (const auto m = month_year(t, k, r); m && m->next == t.size() && good(m->date, r, false)) return m->date;
    }
    return std::nullopt;
}

// Positions of the 4-digit years 2000–2099 written in the text, in order.
std::vector<std::pair<std::size_t, int>> written_years(const std::vector<Tok>& t) {
    std::vector<std::pair<std::size_t, int>> years;
    for (const Tok& tok : t) {
        const int y = tok.digits() == 4 ? tok.number() : 0;
        if (y >= 2000 && y <= 2099) years.emplace_back(tok.begin, y);
    }
    return years;
}

// The year written nearest to byte `pos` (the earlier one on a tie), or 0.
int nearest_year(const std::vector<std::pair<std::size_t, int>>& years, std::size_t pos) {
    const auto after = std::lower_bound(years.begin(), years.end(), std::pair<std::size_t, int>{pos, 0});
    if (after == years.begin()) return after == years.end() ? 0 : after->second;
    const auto before = std::prev(after);
    if (after == years.end() || pos - before->first <= after->first - pos) return before->second;
    return after->second;
}

// A day number that is glued to a word, a number or a decimal mark (« n3 », « 2,5 ») is not a day.
bool starts_cleanly(const std::vector<Tok>& t, std::size_t i) {
    if (t[i].spaced || i == 0) return true;
    const Tok& p = t[i - 1];
    return p.kind == Kind::Punct && !p.is_punct('.') && !p.is_punct(',') && !p.is_punct('/') &&
           !p.is_punct('-') && !p.is_punct(':');
}

// A date glued to a following word or separator+digit (« 2025e », « 12.07.2025.3 ») is something else.
bool ends_cleanly(const std::vector<Tok>& t, std::size_t next) {
    if (next >= t.size() || t[next].spaced) return true;
    if (t[next].kind != Kind::Punct) return false;
    if (t[next].is_punct('.') || t[next].is_punct(',') || t[next].is_punct('/') || t[next].is_punct('-'))
        return next + 1 >= t.size() || t[next + 1].spaced || t[next + 1].kind != Kind::Number;
    return true;
}

}  // namespace

int french_month(std::string_view word) {
    const std::vector<Tok> t = lex_date(word);
    const bool one_word = t.size() == 1 || (t.size() == 2 && t[1].is_punct('.') && !t[1].spaced);
    return one_word ? month_of(t[0], Rules{}) : 0;
}

std::optional<Date> parse_metadata_date(std::string_view text) {
    // Leading spaces may be Unicode ones (no-break space before a date in HTML), trailing ones ASCII.
    while (!text.empty() && space_length(text, 0)) text.remove_prefix(space_length(text, 0));
    text = trim(text);
    if (text.empty() || text.size() > kMaxMetadata) return std::nullopt;
    if (auto d = iso_date(text)) return d;
    return textual_date(text);
}

std::optional<Date> parse_french_date(std::string_view text) { return parse_metadata_date(text); }

std::optional<TextDate> find_date_in_text(std::string_view text, std::optional<int> context_year) {
    const std::vector<Tok> t = lex_date(text);
    const Rules r{false, 1990, 2100};
    std::optional<TextDate> partial;
    std::optional<std::vector<std::pair<std::size_t, int>>> years;  // computed on first need
    std::size_t consumed = 0;  // tokens before this index belong to an earlier match
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (i < consumed) continue;
        if (t[i].kind == Kind::Number && starts_cleanly(t, i)) {
            if (const auto m = numeric_date(t, i, r)) {
                consumed = m->next;
                if (good(m->date, r, true) && ends_cleanly(t, m->next)) return TextDate{m->date, t[i].begin, t[m->next - 1].end};
                continue;
            }
            const auto m = day_month_year(t, i, r);
            if (!m) continue;
            consumed = m->next;
            const std::size_t begin = i > 0 && t[i].spaced && is_weekday(t[i - 1], true) ? t[i - 1].begin : t[i].begin;
            Date d = m->date;
            if (m->has_year) {
                if (good(d, r, true) && ends_cleanly(t, m->next)) return TextDate{d, begin, t[m->next - 1].end};
                continue;
            }
            // « mardi 3 septembre »: the article's own year, else the one written nearest.
            if (context_year && *context_year >= r.min_year && *context_year <= r.max_year) {
                d.year = *context_year;
            } else {
                if (!years) years = written_years(t);
                d.year = nearest_year(*years, t[i].begin);
            }
            if (good(d, r, true)) return TextDate{d, begin, t[m->next - 1].end};
        } else if (!partial && t[i].kind == Kind::Word) {
            if (const auto m = month_year(t, i, r); m && good(m->date, r, false) && ends_cleanly(t, m->next)) {
                partial = TextDate{m->date, t[i].begin, t[m->next - 1].end};
                consumed = m->next;
            }
        }
    }
    return partial;
}

}  // namespace veille
