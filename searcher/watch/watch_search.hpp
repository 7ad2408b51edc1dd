// watch_search.hpp — what a watch matches: its new articles (run) and its latest ones (feed).
#pragma once
#include <cstddef>
#include <optional>

#include "common/date.hpp"
#include "searcher/request.hpp"
#include "searcher/watch/watch_store.hpp"

namespace veille {

class Engine;

/// The search a watch stands for: its stored query and filters, date words read again from `today`
/// (unset: the clock), so « OpenAI depuis janvier » follows the calendar; newest first, snippets,
/// no facets.
SearchRequest watch_request(const Watch& watch, std::optional<Date> today);

/// Every article matching `watch` that it has not reported yet (none of watch.reported), newest
/// first, a story told by several outlets once (its other tellings in SearchHit::also). Throws QueryError only for a query Xapian cannot run, DatabaseError when the database
/// fails.
SearchResult new_matches(Engine& engine, const Watch& watch, std::optional<Date> today);

/// Entries of a watch's Atom feed: enough for a reader polling daily, small enough to fetch often.
inline constexpr std::size_t kFeedEntries = 50;

/// The `limit` newest articles matching `watch`, reported or not (its Atom feed).
SearchResult latest_matches(Engine& engine, const Watch& watch, std::optional<Date> today,
                            std::size_t limit);

}  // namespace veille
