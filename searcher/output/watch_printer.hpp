// watch_printer.hpp — what `watch run` and `watch list` print: French human view or one JSON object.
#pragma once
#include <ostream>
#include <vector>

#include "searcher/output/printer.hpp"
#include "searcher/request.hpp"
#include "searcher/watch/watch_store.hpp"

namespace veille {

/// One watch's part of a `watch run`: its new articles, newest first.
struct WatchReport {
    const Watch* watch = nullptr;
    SearchResult result;
};

/// Human: per watch a « == NAME : 2 nouveaux articles == » line then the results as a search shows
/// them (or « rien de nouveau »). JSON: {"watches":[{"name","query","filters","notices","new",
/// "results":[…as in a search…]}]} on one line; "filters" are the filters as read this run (date
/// words included: « depuis janvier » → "date:2026-01..2026-12-07").
void print_watch_run(const std::vector<WatchReport>& reports, OutputFormat format, bool color,
                     std::ostream& out);

/// Human: one line per watch (name, query, filters, last run, articles reported). JSON:
/// {"watches":[{"name","query","filters","date_words","created","last_run","reported"}]}.
void print_watch_list(const std::vector<Watch>& watches, OutputFormat format, std::ostream& out);

}  // namespace veille
