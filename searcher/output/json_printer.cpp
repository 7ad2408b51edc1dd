// json_printer.cpp — the README JSON schema (one object per line), and make_printer choosing a format.
#include "searcher/output/printers.hpp"

#include "searcher/output/json_fields.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace veille {

namespace {

// ordered_json keeps the documented key order, so the output reads like the README.
using Json = nlohmann::ordered_json;

Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

/// Rounds to `digits` decimals: timings and scores do not need 17 significant digits.
double rounded(double x, int digits) {
    const double scale = std::pow(10.0, digits);
    return std::isfinite(x) ? std::round(x * scale) / scale : 0.0;
}

class JsonPrinter final : public Printer {
public:
    void print(const SearchResult& r, std::ostream& out) override {
        Json j;
        j["query"] = r.query;
        j["total"] = r.total;
        j["offset"] = r.offset;
        j["took_ms"] = rounded(r.took_ms, 3);
        j["suggestion"] = r.suggestion ? Json(*r.suggestion) : Json(nullptr);
        j["filters"] = r.active_filters;
        j["notices"] = r.notices;
        if (r.partial) j["partial"] = true;  // only then: answers from every shard keep their shape
        Json results = Json::array();
        for (const SearchHit& hit : r.hits) results.push_back(hit_json(hit));
        j["results"] = std::move(results);
        Json facets = Json::object();
        // The three documented facets are always present (empty arrays when not counted).
        for (const char* name : {"company", "topic", "date"}) facets[name] = Json::array();
        for (const auto& [name, values] : r.facets) {
            Json list = Json::array();
            for (const FacetCount& f : values) list.push_back({{"value", f.value}, {"count", f.count}});
            facets[name] = std::move(list);
        }
        j["facets"] = std::move(facets);
        const bool explained = std::any_of(r.hits.begin(), r.hits.end(), [](const SearchHit& h) {
            return !h.explanation.empty();
        });
        if (explained && !r.query_description.empty()) j["query_description"] = r.query_description;
        write_json_line(j, out);
    }

    void print_article(const Article& a, std::ostream& out) override {
        Json j;
        j["id"] = a.id;
        add_article_fields(j, a);
        j["body"] = a.body;
        write_json_line(j, out);
    }
};

}  // namespace

void add_article_fields(Json& j, const Article& a) {
    j["title"] = a.title;
    j["date"] = a.date ? Json(a.date->iso()) : Json(nullptr);
    j["date_origin"] = std::string(to_string(a.date_origin));
    j["source"] = or_null(a.source);
    j["url"] = or_null(a.url);
    j["companies"] = a.companies;
    j["topics"] = a.topics;
}

Json hit_json(const SearchHit& hit) {
    Json h;
    h["rank"] = hit.rank;
    h["id"] = hit.article.id;
    h["score"] = rounded(hit.score, 6);
    add_article_fields(h, hit.article);
    h["snippet"] = snippet_to_html(hit.snippet);
    h["story"] = or_null(hit.story);
    Json also = Json::array();
    for (const StoryMember& m : hit.also) also.push_back({{"id", m.id}, {"source", or_null(m.source)}, {"title", m.title}});
    h["also"] = std::move(also);
    if (!hit.explanation.empty()) h["explanation"] = hit.explanation;
    return h;
}

// Article text may hold invalid UTF-8 (readers pass bytes through); replace it rather than throw.
void write_json_line(const Json& j, std::ostream& out) {
    out << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

std::string snippet_to_html(std::string_view snippet) {
    std::string out;
    out.reserve(snippet.size() + 32);
    for (const char c : snippet) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case kMarkOpen: out += "<mark>"; break;
            case kMarkClose: out += "</mark>"; break;
            default: out += c;
        }
    }
    return out;
}

std::unique_ptr<Printer> make_json_printer() { return std::make_unique<JsonPrinter>(); }

std::unique_ptr<Printer> make_printer(OutputFormat format, bool color, std::string trec_qid, std::string trec_tag) {
    switch (format) {
        case OutputFormat::Json: return make_json_printer();
        case OutputFormat::Trec: return make_trec_printer(std::move(trec_qid), std::move(trec_tag));
        case OutputFormat::Human: break;
    }
    return make_human_printer(color);
}

}  // namespace veille
