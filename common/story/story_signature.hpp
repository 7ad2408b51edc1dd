// story_signature.hpp — MinHash signature of an article's word pairs, to tell retellings of one story.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/analysis/analyzer.hpp"
#include "common/article.hpp"

namespace veille {

/// Minimum-hash values per article; the estimated Jaccard similarity is the share of equal values.
inline constexpr std::size_t kStoryHashes = 256;
/// Fewer word pairs than this: too little text to say it retells anything (no signature).
inline constexpr std::size_t kStoryMinShingles = 8;
/// Two articles must also share about this many word pairs (estimated from the Jaccard similarity
/// and their sizes): 0.1 of two 25-pair summaries is 4–5 pairs, which « le premier ministre » and a
/// name shared by the day's news reach by chance.
inline constexpr double kStoryMinSharedPairs = 8;
/// Two articles tell the same story when their estimated Jaccard similarity reaches this…
inline constexpr double kStoryMinJaccard = 0.07;
/// …and their publication days are at most this many days apart (both days known).
inline constexpr long kStoryWindowDays = 3;

/// An article's signature: the low 8 bits of kStoryHashes minimum hashes, as stored in slot::kStorySignature.
struct StorySignature {
    std::vector<std::uint8_t> values;   ///< kStoryHashes values
    std::uint16_t pairs = 0;            ///< distinct word pairs of the article (at most 65,535)
    std::int32_t day = 0;               ///< publication day, in days since 1970-01-01
    std::uint32_t outlet = 0;           ///< hash of the article's source; 0 when it has none

    /// The slot value: the pair count (2 bytes), the day and the outlet (4 bytes each), big-endian,
    /// then the hashes, one byte each.
    [[nodiscard]] std::string encode() const;
    /// The signature of a slot value; nullopt when `stored` is not one (empty, other size).
    static std::optional<StorySignature> decode(std::string_view stored);
};

/// The signature of an article from its analysed title and body: consecutive word pairs (stems; stop
/// words, numbers, weekdays and months left out: « OpenAI promet mardi 500 milliards » → {openai
/// promet, promet milliard}), hashed kStoryHashes ways, with the article's day and source; nullopt
/// when it is not dated to the day or has fewer than kStoryMinShingles pairs.
std::optional<StorySignature> story_signature(const Article& article, const std::vector<Token>& title,
                                             const std::vector<Token>& body);

/// Estimated Jaccard similarity of the two articles' word-pair sets: the share of equal values,
/// less the share that 8-bit values have in common by chance.
double estimated_jaccard(const StorySignature& a, const StorySignature& b);

/// Estimated number of word pairs the two articles share: J / (1 + J) × (pairs of a + pairs of b).
double estimated_shared_pairs(const StorySignature& a, const StorySignature& b);

/// Whether two articles tell the same story: different outlets (or an unknown one), days at most
/// kStoryWindowDays apart, an estimated Jaccard of at least kStoryMinJaccard and about
/// kStoryMinSharedPairs shared pairs.
/// « Stargate : OpenAI, SoftBank et Oracle promettent 500 milliards » told the same day by La Dépêche
/// Tech and Veille Tech → true; OpenAI's 40-billion round two months later → false.
bool same_story(const StorySignature& a, const StorySignature& b);

}  // namespace veille
