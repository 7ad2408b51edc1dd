// request.hpp — SearchRequest / SearchResult: the contract between parsing, the engine and the printers.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/article.hpp"

namespace veille {

/// How results are ordered.
enum class SortOrder { Relevance, Newest, Oldest };

/// One search, as the user asked it.
struct SearchRequest {
    std::string query;                       ///< query text (may contain field:value filters)
    std::vector<std::string> filters;        ///< extra "FIELD:VALUE" filters (--filter, :company…)
    std::size_t offset = 0;
    std::size_t limit = 10;
    SortOrder sort = SortOrder::Relevance;
    double recency_half_life_days = 0;       ///< 0 = no recency boost
    std::size_t facet_limit = 10;            ///< values shown per facet
    bool facets = true;                      ///< count facets over the whole match set
    bool snippets = true;
    bool explain = false;                    ///< fill SearchHit::explanation
    bool strict = false;                     ///< a query that does not parse is a QueryError (--strict)
    bool date_words = true;                  ///< « depuis janvier » → date: filter (--no-date-words: words)
    bool collapse = true;                    ///< a story told by several outlets is one result (--no-collapse: every article)
    std::optional<Date> today;               ///< what date words and --recency count from (--today); unset: the clock
    std::vector<std::string> exclude_ids;    ///< articles never matched, by id (what a watch already reported)
    double time_limit_ms = 0;                ///< counting every match stops this long after the search began
                                             ///< (the page stays exact; total and facets partial); 0 = none
};

/// A facet value and the number of matching articles that carry it.
struct FacetCount {
    std::string value;
    std::size_t count = 0;
};

/// Another article telling a result's story, among the same search's results (« + 1 autre source : Veille Tech »).
struct StoryMember {
    std::string id;
    std::string source;  ///< "" when unknown
    std::string title;
};

/// One result.
struct SearchHit {
    std::size_t rank = 0;        ///< 1-based, counting from the first result (offset included)
    double score = 0;
    Article article;             ///< stored article (body included)
    std::string snippet;         ///< passages with highlights marked by \x02 … \x03 (printers render them)
    std::string explanation;     ///< human text when SearchRequest::explain
    std::string story;           ///< with retellings: the smallest id of the story's articles found; else ""
    std::vector<StoryMember> also;  ///< the retellings folded into this result, best ranked first
};

/// The answer to a SearchRequest.
struct SearchResult {
    std::string query;
    std::size_t total = 0;                   ///< exact number of matching articles
    std::size_t offset = 0;
    double took_ms = 0;
    std::optional<std::string> suggestion;   ///< did-you-mean, accents restored
    std::vector<std::string> notices;        ///< what a lenient reading ignored or cannot find, in French
    bool partial = false;                    ///< a remote shard did not answer (--allow-partial), or the time limit
                                             ///< stopped the count: total and facets count part of the matches
    std::vector<SearchHit> hits;
    std::map<std::string, std::vector<FacetCount>> facets;  ///< "company", "topic", "date" (YYYY-MM)
    std::vector<std::string> active_filters; ///< "company:OpenAI", "date:2025-07"…
    std::string query_description;           ///< the Xapian query, for --explain

    /// The articles the page shows: each result and the retellings folded under it.
    [[nodiscard]] std::size_t articles_shown() const {
        std::size_t n = 0;
        for (const SearchHit& hit : hits) n += 1 + hit.also.size();
        return n;
    }
};

/// Highlight markers inside SearchHit::snippet.
inline constexpr char kMarkOpen = '\x02';
inline constexpr char kMarkClose = '\x03';

}  // namespace veille
