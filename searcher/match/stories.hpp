// stories.hpp — one story once: the retellings among a search's results folded under the best one.
#pragma once
#include <vector>

#include <xapian.h>

#include "searcher/match/rerank.hpp"

namespace veille {

/// A result shown, and the results below it that retell its story.
struct StoryEntry {
    PageEntry shown;
    std::vector<PageEntry> also;  ///< in rank order
};

/// Folds `ranked` (results in their final order, from the first) into stories: each result joins the
/// first result above it that starts a story and that it retells (same_story() on their signatures,
/// slot::kStorySignature: other outlets, days apart, word pairs), or starts one. Greedy in rank order, so where a result lands
/// depends only on the results above it: every page of a search, whatever its length, shows the
/// same stories in the same order, and only a story's `also` can grow as more results are read.
/// Articles without a signature (undated to the day, very short, or indexed before schema 4) are
/// always shown. « Stargate » from La Dépêche Tech (rank 1) and Veille Tech (rank 2) → one entry.
std::vector<StoryEntry> fold_stories(const std::vector<PageEntry>& ranked);

/// How many results a page of stories [offset, offset + limit) reads first: the page's own and a
/// margin of 10, for retellings ranked just below the page (and above it: a story told three times
/// takes three results). The engine reads twice as many when that was not enough. Each result read costs one
/// value lookup (the 100k query mix: 0.2% more instructions than --no-collapse).
Xapian::doccount story_window(Xapian::doccount offset, Xapian::doccount limit);
/// The window stops growing past this many results: a page that needs more (thousands of copies of
/// one story above it) shows the stories found in them.
inline constexpr Xapian::doccount kMaxStoryWindow = 4096;

}  // namespace veille
