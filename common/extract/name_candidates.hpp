// name_candidates.hpp — capitalised names no company name covers: what to check for companies the
// gazetteer lacks.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/extract/gazetteer.hpp"

namespace veille {

/// The runs of capitalised words of `text` (its `tokens`) that no mention of `mentions` overlaps,
/// each once, in order. A run is words that each begin with a capital, separated by spaces or a
/// hyphen.
/// French capitalises the first word of a sentence, so one word there is left out; so are single
/// letters and lone stop words.
/// « La société suisse Fink Telecom gère ce service. » → {« Fink Telecom »};
/// « Le lobbyiste Jean-Pierre Duthion rencontre OpenAI » (OpenAI a mention) → {« Jean-Pierre Duthion »};
/// at a sentence's start its first word joins the name: « Selon Jean-Pierre Duthion » (a reader sorts it);
/// « Eritaj Studio présente Gaya World » → {« Eritaj Studio », « Gaya World »}.
std::vector<std::string> name_candidates(std::string_view text, const std::vector<Token>& tokens,
                                         const std::vector<CompanyMention>& mentions);

}  // namespace veille
