// date_words.cpp — a small grammar over the folded words of a query; the header says what it reads.
#include "searcher/query/date_words.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "common/extract/date_lexer.hpp"
#include "common/extract/date_parser.hpp"

namespace veille {

namespace {

// Past four other words a query reads as a sentence or a pasted headline, whose dates belong to what
// it tells (« Taux d'absence record des employés en 2022 » was published in 2023). Measured on the
// 1,000 news headlines of ../shared/eval/news: see the commit that set it.
constexpr std::size_t kMaxOtherWords = 4;

// Folded words the grammar compares: date_lexer's accent and case folding, one apostrophe, trailing
// « , » and « . » dropped (« Aujourd’hui, » → aujourd'hui). A word longer than the lexer keeps gets a
// '#' so that it equals nothing below.
std::string fold(std::string_view raw) {
    std::string s(raw);
    for (std::size_t p; (p = s.find("\xE2\x80\x99")) != std::string::npos;) s.replace(p, 3, "'");
    std::string out;
    for (const DateToken& t : lex_date(s)) {
        if (t.kind == DateTokenKind::Punct) {
            out += t.text[0];
        } else {
            out += t.str();
            if (t.size != t.kept) out += '#';
        }
    }
    while (!out.empty() && (out.back() == ',' || out.back() == '.')) out.pop_back();
    return out;
}

bool is_question_word(std::string_view w) {
    static constexpr std::string_view kWords[] = {
        "qui", "que", "quoi", "quel", "quelle", "quels", "quelles", "quand", "ou", "comment", "pourquoi",
        "combien", "lequel", "laquelle", "lesquels", "lesquelles", "est-ce", "qu'est-ce", "est-ce-que"};
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords) || w.rfind("qu'", 0) == 0;
}

// « ont-elles », « est-ce », « peut-on », « a-t-il »: a verb with its subject after it asks.
bool inverted_subject(std::string_view w) {
    static constexpr std::string_view kSubjects[] = {"-il", "-ils", "-elle", "-elles", "-on", "-je",
                                                     "-tu", "-nous", "-vous", "-ce"};
    return std::any_of(std::begin(kSubjects), std::end(kSubjects),
                       [&](std::string_view s) { return w.size() > s.size() && w.ends_with(s); });
}

// Punctuation of sentences and headlines, not of keyword queries.
bool sentence_mark(std::string_view raw) {
    return raw.find_first_of("?!:;") != std::string_view::npos || raw.find("\xC2\xAB") != std::string_view::npos ||
           raw.find("\xC2\xBB") != std::string_view::npos || raw.find("\xE2\x80\xA6") != std::string_view::npos;
}

bool all_digits(std::string_view w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int year_of(std::string_view w) {
    if (w.size() != 4 || !all_digits(w)) return 0;
    const int y = std::stoi(std::string(w));
    return y >= 1900 && y <= 2099 ? y : 0;
}

int day_of(std::string_view w) {
    if (w == "1er") return 1;
    if (w.empty() || w.size() > 2 || !all_digits(w)) return 0;
    const int d = std::stoi(std::string(w));
    return d >= 1 && d <= 31 ? d : 0;
}

// A month name (date_parser's table: « août », « sept. », « déc »), except « sept », which is seven
// far more often than September in a query (« les sept derniers jours »).
int month_of(std::string_view w) {
    if (w == "sept" || w == "sep" || w.empty() || (w[0] >= '0' && w[0] <= '9')) return 0;
    return french_month(w);
}

bool is_last(std::string_view w) {
    return w == "dernier" || w == "derniere" || w == "passe" || w == "passee" || w == "precedent" ||
           w == "precedente";
}

int count_of(std::string_view w) {
    if (all_digits(w) && w.size() <= 3) return std::stoi(std::string(w));
    static constexpr std::pair<std::string_view, int> kNumbers[] = {
        {"deux", 2}, {"trois", 3}, {"quatre", 4}, {"cinq", 5}, {"six", 6}, {"sept", 7}, {"huit", 8},
        {"neuf", 9}, {"dix", 10}, {"douze", 12}, {"quinze", 15}, {"vingt", 20}, {"trente", 30}};
    for (const auto& [name, n] : kNumbers)
        if (w == name) return n;
    return 0;
}

Date add_days(const Date& d, long n) { return date_from_days(d.days_since_epoch() + n); }

// The same day `n` months earlier, clamped to the month's length (31 May − 3 months → 28/29 February).
Date months_before(const Date& d, int n) {
    int m = d.year * 12 + (d.month - 1) - n;
    Date r{m / 12, m % 12 + 1, 0};
    r.day = std::min(d.day, days_in_month(r.year, r.month));
    return r;
}

bool after(const Date& a, const Date& b) { return a.slot_value() > b.slot_value(); }

// A span of the calendar: [first, last], each a full or partial Date (2025-07 covers July).
struct Period {
    Date first;
    Date last;
};

// A year, a month or a day as written; year 0 until resolved against today.
struct Point {
    Date date;
    bool last = false;  ///< « juillet dernier »
    std::size_t next = 0;
};

class Reader {
public:
    Reader(const std::vector<std::string>& words, const Date& today) : w_(words), today_(today) {}

    // The word at i, "" past a barrier (an operator, a phrase, a signed word…) or the end.
    [[nodiscard]] std::string_view at(std::size_t i) const { return i < w_.size() ? std::string_view(w_[i]) : ""; }

    // A point: « 2024 », « juillet », « juillet 2025 », « juillet dernier », « [le] 3 mars [2025] »,
    // « 2025-03-01 », « 01/03/2025 ». `le` also allows « le »/« du » before a day.
    [[nodiscard]] std::optional<Point> point(std::size_t i, bool le) const {
        Point p;
        if (le && (at(i) == "le" || at(i) == "du") && day_of(at(i + 1))) ++i;
        if (const int d = day_of(at(i)); d && month_of(at(i + 1))) {
            p.date = {year_of(at(i + 2)), month_of(at(i + 1)), d};
            i += p.date.year ? 3 : 2;
        } else if (const int m = month_of(at(i))) {
            p.date = {year_of(at(i + 1)), m, 0};
            ++i;
            if (p.date.year) ++i;
            else if (is_last(at(i))) {
                p.last = true;
                ++i;
            }
        } else if (const int y = year_of(at(i))) {
            p.date = {y, 0, 0};
            ++i;
        } else if (at(i).find_first_of("-/") != std::string_view::npos && at(i).size() >= 7 &&
                   at(i)[0] >= '0' && at(i)[0] <= '9') {
            auto written = parse_iso_date(at(i));
            if (!written) written = parse_metadata_date(at(i));
            if (!written || written->year < 1900 || written->year > 2099) return std::nullopt;
            p.date = *written;
            ++i;
        } else {
            return std::nullopt;
        }
        p.next = i;
        return p;
    }

    // The year a point without one takes: the latest such month or day not after today (« juillet
    // dernier »: before this month). nullopt for an impossible date (« 30 février »).
    [[nodiscard]] std::optional<Date> resolve(const Point& p) const {
        Date d = p.date;
        if (d.year == 0) {
            d.year = today_.year;
            if (p.last ? d.month >= today_.month
                       : d.month > today_.month || (d.month == today_.month && d.day > today_.day))
                --d.year;
        }
        if (!d.valid()) return std::nullopt;
        return d;
    }

    // Expressions that are dates on their own: hier, la semaine dernière, ce mois-ci…
    [[nodiscard]] std::optional<std::pair<Period, std::size_t>> relative(std::size_t i) const {
        const auto one = [&](const Date& d, std::size_t n) { return std::make_pair(Period{d, d}, i + n); };
        const auto span = [&](const Date& a, const Date& b, std::size_t n) { return std::make_pair(Period{a, b}, i + n); };
        const std::string_view a = at(i), b = at(i + 1), c = at(i + 2);
        if (a == "hier") return one(add_days(today_, -1), 1);
        if (a == "avant-hier") return one(add_days(today_, -2), 1);
        if (a == "avant" && b == "hier") return one(add_days(today_, -2), 2);
        if (a == "aujourd'hui") return one(today_, 1);
        const long weekday = (today_.days_since_epoch() + 3) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
        const Date monday = add_days(today_, -weekday);
        if (a == "cette" && b == "semaine") return span(monday, today_, 2);
        if (a == "la" && b == "semaine" && is_last(c)) return span(add_days(monday, -7), add_days(monday, -1), 3);
        if (a == "semaine" && is_last(b)) return span(add_days(monday, -7), add_days(monday, -1), 2);
        const Date month{today_.year, today_.month, 0};
        if (a == "ce" && b == "mois-ci") return one(month, 2);
        if (a == "ce" && b == "mois" && c == "ci") return one(month, 3);
        if (a == "ce" && b == "mois") return one(month, 2);
        const Date previous_month = months_before(Date{today_.year, today_.month, 1}, 1);
        if (a == "le" && b == "mois" && is_last(c)) return one({previous_month.year, previous_month.month, 0}, 3);
        if (a == "mois" && is_last(b)) return one({previous_month.year, previous_month.month, 0}, 2);
        if (a == "cette" && (b == "annee" || b == "annee-ci")) return one({today_.year, 0, 0}, 2);
        if ((a == "l'an" || a == "l'annee" || a == "annee") && is_last(b)) return one({today_.year - 1, 0, 0}, 2);
        if ((a == "les" || a == "ces") && count_of(b) > 0 && (c == "derniers" || c == "dernieres")) {
            const int n = count_of(b);
            const std::string_view unit = at(i + 3);
            Date first;
            if (unit == "jours" || unit == "jour") first = add_days(today_, 1 - n);
            else if (unit == "semaines" || unit == "semaine") first = add_days(today_, 1 - 7L * n);
            else if (unit == "mois") first = add_days(months_before(today_, n), 1);
            else if (unit == "ans" || unit == "annees") first = add_days(months_before(today_, 12 * n), 1);
            else return std::nullopt;
            return span(first, today_, 4);
        }
        return std::nullopt;
    }

    // A relative expression or a resolved point, as a period (for depuis, avant, après, jusqu'à).
    [[nodiscard]] std::optional<std::pair<Period, std::size_t>> period(std::size_t i) const {
        if (auto r = relative(i)) return r;
        const auto p = point(i, true);
        if (!p) return std::nullopt;
        const auto d = resolve(*p);
        if (!d) return std::nullopt;
        return std::make_pair(Period{*d, *d}, p->next);
    }

    // « entre mars et juin 2025 »: the first end takes the second's year (the year before when its
    // month comes later: « entre novembre et février 2025 » starts in November 2024).
    // « entre le 3 et le 10 mars »: the first day takes the second's month.
    [[nodiscard]] std::optional<std::pair<Period, std::size_t>> between(std::size_t i) const {
        auto from = point(i + 1, true);
        if (!from) {
            const std::size_t k = at(i + 1) == "le" || at(i + 1) == "du" ? i + 2 : i + 1;
            if (!day_of(at(k))) return std::nullopt;
            from = Point{Date{0, 0, day_of(at(k))}, false, k + 1};
        }
        if (at(from->next) != "et") return std::nullopt;
        auto to = point(from->next + 1, true);
        if (!to) return std::nullopt;
        const auto last = resolve(*to);
        if (!last) return std::nullopt;
        if (from->date.month == 0 && from->date.day != 0) {
            if (last->day == 0) return std::nullopt;
            Date first{last->year, last->month, from->date.day};
            if (first.day > last->day) {  // « entre le 28 et le 3 mars »: from 28 February
                first = months_before(Date{last->year, last->month, 1}, 1);
                first.day = from->date.day;
            }
            if (!first.valid()) return std::nullopt;
            return std::make_pair(Period{first, *last}, to->next);
        }
        if (from->date.year == 0 && !from->last) {
            if ((from->date.month == 0) != (last->month == 0)) return std::nullopt;
            from->date.year = last->year;
            if (from->date.month > last->month || (from->date.month == last->month && from->date.day > last->day))
                --from->date.year;
        }
        const auto first = resolve(*from);
        if (!first || after(*first, *last)) return std::nullopt;
        return std::make_pair(Period{*first, *last}, to->next);
    }

    // The longest expression starting at i, as a date: value and its end; `at_end`: nothing but
    // barriers and the end follow it (for « en »).
    [[nodiscard]] std::optional<std::pair<std::string, std::size_t>> read(std::size_t i,
                                                                         const std::vector<bool>& tail_free) const {
        const std::string_view a = at(i);
        const auto range = [](const Period& p) {
            return p.first == p.last ? p.first.iso() : p.first.iso() + ".." + p.last.iso();
        };
        if (auto r = relative(i)) return std::make_pair(range(r->first), r->second);
        std::size_t skip = 0;
        if (a == "depuis") skip = 1;
        else if (a == "a" && at(i + 1) == "partir" && (at(i + 2) == "de" || at(i + 2) == "du")) skip = at(i + 2) == "du" ? 2 : 3;
        if (skip) {
            const auto p = period(i + skip);
            if (!p || after(p->first.first, today_)) return std::nullopt;
            const Period since{p->first.first, today_};
            return std::make_pair(since.first == since.last ? since.first.iso() : range(since), p->second);
        }
        if (a == "avant") {
            if (auto p = period(i + 1)) return std::make_pair("<" + p->first.first.iso(), p->second);
            return std::nullopt;
        }
        if (a == "apres") {
            if (auto p = period(i + 1)) return std::make_pair(">" + p->first.last.iso(), p->second);
            return std::nullopt;
        }
        if (a == "jusqu'en" || a == "jusqu'a" || a == "jusqu'au") {
            if (auto p = period(i + 1)) return std::make_pair(".." + p->first.last.iso(), p->second);
            return std::nullopt;
        }
        if (a == "entre") {
            if (auto p = between(i)) return std::make_pair(range(p->first), p->second);
            return std::nullopt;
        }
        if (a == "en") {
            const auto p = point(i + 1, false);
            if (!p || !tail_free[p->next]) return std::nullopt;
            if (const auto d = resolve(*p)) return std::make_pair(d->iso(), p->next);
            return std::nullopt;
        }
        // On its own, a point is a date only as « le 3 mars » or « juillet dernier ».
        if (const auto p = point(i, true); p && (p->last || a == "le")) {
            if (const auto d = resolve(*p)) return std::make_pair(d->iso(), p->next);
        }
        return std::nullopt;
    }

private:
    const std::vector<std::string>& w_;
    Date today_;
};

}  // namespace

std::vector<DateWords> find_date_words(const std::vector<Lexeme>& lex, const Date& today) {
    if (!today.valid() || today.day == 0) return {};
    // The words the grammar may read: plain, unsigned, outside parentheses, not bound to an operator;
    // "" stands for a barrier.
    std::vector<std::string> words(lex.size());
    int depth = 0;
    bool first_word = true;
    for (std::size_t i = 0; i < lex.size(); ++i) {
        const Lexeme& l = lex[i];
        if (l.kind == Lex::LParen) ++depth;
        if (l.kind == Lex::RParen) depth = std::max(0, depth - 1);
        if (l.kind == Lex::Field && l.field == "date") return {};
        if (l.kind == Lex::Or && depth == 0) return {};
        if (l.kind != Lex::Word && l.kind != Lex::Phrase) continue;
        if (sentence_mark(l.text)) return {};
        const std::string folded = fold(l.text);
        if ((first_word && is_question_word(folded)) || inverted_subject(folded)) return {};
        first_word = false;
        const bool bound = (i > 0 && (lex[i - 1].kind == Lex::Not || lex[i - 1].kind == Lex::Near ||
                                      lex[i - 1].kind == Lex::And)) ||
                           (i + 1 < lex.size() && (lex[i + 1].kind == Lex::Near || lex[i + 1].kind == Lex::And));
        if (l.kind == Lex::Word && l.sign == 0 && depth == 0 && !l.text.ends_with('*') && !bound) words[i] = folded;
    }
    // tail_free[i]: no word or phrase at or after lexeme i (« en 2024 » must end the query).
    std::vector<bool> tail_free(lex.size() + 1, true);
    for (std::size_t i = lex.size(); i-- > 0;)
        tail_free[i] = tail_free[i + 1] && lex[i].kind != Lex::Word && lex[i].kind != Lex::Phrase;

    const Reader reader(words, today);
    std::vector<DateWords> found;
    std::size_t other_words = 0;
    for (std::size_t i = 0; i < lex.size(); ++i) {
        if (!words[i].empty()) {
            if (auto r = reader.read(i, tail_free)) {
                DateWords d{i, r->second - i, "", std::move(r->first)};
                for (std::size_t k = i; k < r->second; ++k) d.text += (k == i ? "" : " ") + lex[k].text;
                found.push_back(std::move(d));
                i = r->second - 1;
                continue;
            }
        }
        if (lex[i].kind == Lex::Word || lex[i].kind == Lex::Phrase) ++other_words;
    }
    if (other_words > kMaxOtherWords) return {};
    return found;
}

std::string date_words_notice(const DateWords& words) {
    return "« " + words.text + " » lu comme date:" + words.value;
}

}  // namespace veille
