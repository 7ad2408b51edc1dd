// suggest.hpp — did-you-mean from the indexed vocabulary, accents restored.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace veille {

class Analyzer;

/// A corrected query when some of its words are unknown to the database (or rare while a close
/// frequent word exists): « securiter » → « sécurité », « opnai » → « OpenAI »-like folded forms with the
/// accents of the most frequent exact form, « inteligence artificiele » → « intelligence artificielle ».
/// Field filters and operators are kept as typed. nullopt when nothing better is known.
std::optional<std::string> suggest(const Xapian::Database& db, std::string_view query, const Analyzer& analyzer);

}  // namespace veille
