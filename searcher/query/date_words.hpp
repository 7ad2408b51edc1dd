// date_words.hpp — French date expressions typed among a query's words (« OpenAI depuis janvier ») → date: values.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "searcher/query/query_lexer.hpp"

namespace veille {

/// One date expression read out of a query: the words it spans and the `date:` value it stands for.
struct DateWords {
    std::size_t first = 0;  ///< index of its first lexeme
    std::size_t count = 0;  ///< number of lexemes (all plain words) it spans
    std::string text;       ///< the words as typed: « depuis janvier »
    std::string value;      ///< a value parse_date_range() reads: "2026-01..2026-12-04", "2024", "<2023"
};

/// The date expressions of a query's lexemes (lex_query), read relative to `today` (a full date).
/// Today 2026-12-04 (a Friday):
///   « OpenAI depuis janvier »            → « depuis janvier » = 2026-01..2026-12-04
///   « rançongiciel la semaine dernière » → 2026-11-23..2026-11-29 (Monday to Sunday)
///   « Mistral AI en 2024 »               → 2024        « hier » → 2026-12-03   « aujourd'hui » → 2026-12-04
///   « ce mois-ci » → 2026-12      « le mois dernier » → 2026-11      « l'an dernier » → 2025
///   « entre mars et juin 2025 » → 2025-03..2025-06      « avant 2023 » → <2023      « après 2023 » → >2023
///   « depuis le 3 mars » → 2026-03-03..2026-12-04     « en juillet dernier » → 2026-07
///   « les 7 derniers jours » → 2026-11-28..2026-12-04   « jusqu'en 2023 » → ..2023
/// A month or day without a year is the latest one not after today (« depuis décembre », read in
/// November, is last December); « juillet dernier » is the latest July before this month.
///
/// Conservative: a date must be asked for, not merely mentioned. Nothing is read when
///   - the query is a question: a « ? », an interrogative first word (quand, combien, quel…) or an
///     inverted subject (« ont-elles », « est-ce »): « les ventes de 2024 ont-elles progressé ? »;
///   - it reads as a sentence or headline: more than 4 other words, or « : », « ! », « ; », « « »;
///   - it already has a date (a date: field) — the caller also skips it when --filter gives one;
///   - it has a top-level OR (the filter would apply to both sides).
/// Only plain, unsigned words outside parentheses, quotes and operators are read. A bare number or
/// month is never a date (« Windows 2000 », « la loi de 1881 », « Ligue 1 », « mai 68 »): it needs a
/// marker — depuis, à partir de, avant, après, jusqu'en/jusqu'au, entre … et …, le + day — or is
/// itself temporal (hier, avant-hier, aujourd'hui, cette semaine, la semaine dernière, ce mois-ci,
/// le mois dernier, cette année, l'an dernier, « juillet dernier », « les N derniers jours »).
/// « en » + year or month counts only at the end of the query (« Mistral AI en 2024 »), since
/// « les ventes en 2024 de Renault » speaks of 2024 rather than asks for its articles. Elided forms
/// (« le monde d'hier », « l'IA d'aujourd'hui ») are words. Expressions never overlap; safe on any bytes.
std::vector<DateWords> find_date_words(const std::vector<Lexeme>& lexemes, const Date& today);

/// The French notice for one reading: « « depuis janvier » lu comme date:2026-01..2026-12-04 ».
std::string date_words_notice(const DateWords& words);

}  // namespace veille
