// watch_search.cpp — a watch's query through the ordinary Engine.
// Everything a search reads (syntax, fields, date words, synonyms) then reads the same in a watch.
#include "searcher/watch/watch_search.hpp"

#include "searcher/match/engine.hpp"

namespace veille {

SearchRequest watch_request(const Watch& watch, std::optional<Date> today) {
    SearchRequest request;
    request.query = watch.query;
    request.filters = watch.filters;
    request.date_words = watch.date_words;
    request.today = today;
    // Alerts read best in the order things happened; undated articles come last.
    request.sort = SortOrder::Newest;
    request.facets = false;
    return request;
}

SearchResult new_matches(Engine& engine, const Watch& watch, std::optional<Date> today) {
    SearchRequest request = watch_request(watch, today);
    // Reported ids are excluded in the query itself (id terms), not filtered afterwards: the page
    // then holds only new articles, however many old ones match. An article re-indexed with new
    // text keeps its id, so it is not news again.
    request.exclude_ids.reserve(watch.reported.size());
    for (const auto& entry : watch.reported) request.exclude_ids.push_back(entry.first);
    // Every new match: at most the database's size. An article committed after the Engine opened and
    // left out by this bound is not remembered either, so the next run reports it.
    request.limit = engine.size();
    return engine.search(request);
}

SearchResult latest_matches(Engine& engine, const Watch& watch, std::optional<Date> today,
                            std::size_t limit) {
    SearchRequest request = watch_request(watch, today);
    request.limit = limit;
    return engine.search(request);
}

}  // namespace veille
