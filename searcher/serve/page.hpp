// page.hpp — the search page, rendered on the server: it works without JavaScript, and app.js only
// swaps the part that changes (the one renderer, so escaping lives in one place).
#pragma once
#include <string>

#include "searcher/request.hpp"

namespace veille {

/// What one page shows: the request as the URL gave it, and its result or an error.
struct PageView {
    SearchRequest request;
    const SearchResult* result = nullptr;  ///< null when nothing was searched (no q, no filter) or on error
    std::string error;                     ///< French message shown instead of results
};

/// The whole HTML document (French). Every piece of article text is escaped; an article's URL is a link
/// only when it is http(s). Results, facets, chips, the month histogram and the page links are plain
/// links carrying the whole state in their URL.
std::string render_page(const PageView& view);

/// The facet_limit the page asks for: every month of the match set for the histogram (lists show fewer).
inline constexpr std::size_t kPageFacetLimit = 100;

}  // namespace veille
