// watch_printer.cpp — `watch run` and `watch list` output.
// A watch's results print as a search's do (the same Printer and result JSON): an alert reads like
// the search it saves.
#include "searcher/output/watch_printer.hpp"

#include "searcher/output/json_fields.hpp"
#include "searcher/output/printers.hpp"

namespace veille {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kNoWatches =
    "Aucune veille (ajoutez-en une : veille-search watch add NOM REQUÊTE)\n";

std::string count_text(std::size_t n) {
    if (n == 0) return "rien de nouveau";
    return std::to_string(n) + (n == 1 ? " nouvel article" : " nouveaux articles");
}

std::string query_text(const Watch& w) {
    std::string text = "« " + printable(w.query) + " »";
    for (const std::string& f : w.filters) text += " --filter " + printable(f);
    if (!w.date_words) text += " --no-date-words";
    return text;
}

}  // namespace

void print_watch_run(const std::vector<WatchReport>& reports, OutputFormat format, bool color,
                     std::ostream& out) {
    if (format == OutputFormat::Json) {
        Json watches = Json::array();
        for (const WatchReport& r : reports) {
            Json w;
            w["name"] = r.watch->name;
            w["query"] = r.watch->query;
            w["filters"] = r.result.active_filters;
            w["notices"] = r.result.notices;
            w["new"] = r.result.articles_shown();  // a story's other tellings are new too
            Json results = Json::array();
            for (const SearchHit& hit : r.result.hits) results.push_back(hit_json(hit));
            w["results"] = std::move(results);
            watches.push_back(std::move(w));
        }
        write_json_line(Json{{"watches", std::move(watches)}}, out);
        return;
    }
    auto printer = make_printer(OutputFormat::Human, color);
    bool first = true;
    for (const WatchReport& r : reports) {
        if (!first) out << '\n';
        first = false;
        out << "== " << r.watch->name << " : " << count_text(r.result.articles_shown()) << " ==\n";
        if (!r.result.hits.empty()) printer->print(r.result, out);
    }
    if (reports.empty()) out << kNoWatches;
}

void print_watch_list(const std::vector<Watch>& watches, OutputFormat format, std::ostream& out) {
    if (format == OutputFormat::Json) {
        Json list = Json::array();
        for (const Watch& w : watches) list.push_back(watch_json(w, true));
        write_json_line(Json{{"watches", std::move(list)}}, out);
        return;
    }
    if (watches.empty()) out << kNoWatches;
    for (const Watch& w : watches) {
        out << w.name << " : " << query_text(w) << " — "
            << (w.last_run.empty() ? "jamais lancée" : "dernier passage " + w.last_run) << ", "
            << w.reported.size()
            << (w.reported.size() == 1 ? " article signalé" : " articles signalés") << '\n';
    }
}

}  // namespace veille
