// page.cpp — the HTML of the search page. No inline script or style (the Content-Security-Policy
// forbids both); the histogram is SVG with presentation attributes, which CSP allows.
#include "searcher/serve/page.hpp"

#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

#include "common/date.hpp"
#include "searcher/output/printers.hpp"
#include "searcher/serve/html_text.hpp"

namespace veille {

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

constexpr std::size_t kFacetShown = 12;  // values listed per facet; the histogram shows every month

struct FacetInfo {
    const char* field;
    const char* heading;  // list heading
    const char* label;    // chip label
};
constexpr FacetInfo kFacets[] = {
    {"company", "Entreprises", "Entreprise"},
    {"topic", "Thèmes", "Thème"},
    {"date", "Mois", "Mois"},
};

constexpr const char* kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                   "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

/// « 2025-07-12 » → « 12 juillet 2025 », « 2025-07 » → « juillet 2025 ».
std::string french_date(const std::string& iso) {
    const auto d = parse_iso_date(iso);
    if (!d) return iso;
    std::string out = std::to_string(d->year);
    if (d->month >= 1 && d->month <= 12) out = std::string(kMonths[d->month - 1]) + " " + out;
    if (d->day > 0) out = (d->day == 1 ? std::string("1er") : std::to_string(d->day)) + " " + out;
    return out;
}

std::string sort_name(SortOrder sort) {
    switch (sort) {
        case SortOrder::Newest: return "date";
        case SortOrder::Oldest: return "oldest";
        case SortOrder::Relevance: break;
    }
    return "relevance";
}

/// The URL of the page for `q`, `filters`, `sort`, `n`, `collapse`, `offset` (defaults left out: shorter shared links).
std::string page_url(const SearchRequest& r, const std::vector<std::string>& filters, std::size_t offset) {
    Params p;
    if (!r.query.empty()) p.emplace_back("q", r.query);
    for (const auto& f : filters) p.emplace_back("filter", f);
    if (r.sort != SortOrder::Relevance) p.emplace_back("sort", sort_name(r.sort));
    if (r.limit != 10) p.emplace_back("n", std::to_string(r.limit));
    if (!r.collapse) p.emplace_back("collapse", "0");
    if (offset > 0) p.emplace_back("offset", std::to_string(offset));
    return "/" + query_string(p);
}

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

/// The URL filters equal to field:value (case aside), the way a facet link writes them.
bool same_filter(const std::string& filter, const std::string& field, const std::string& value) {
    return lower_ascii(filter) == lower_ascii(field + ":" + value) ||
           lower_ascii(filter) == lower_ascii(field + ":\"" + value + "\"");
}

/// A facet value as a filter; quoted when it holds a space, the way the query language wants it.
std::string filter_for(const std::string& field, const std::string& value) {
    if (value.find(' ') == std::string::npos) return field + ":" + value;
    return field + ":\"" + value + "\"";
}

void render_form(std::ostream& o, const SearchRequest& r) {
    o << "<form id=\"recherche\" role=\"search\" action=\"/\" method=\"get\">\n"
      << "<label for=\"q\">Rechercher dans les articles</label>\n"
      << "<div class=\"ligne\"><input id=\"q\" name=\"q\" type=\"search\" value=\"" << escape_html(r.query)
      << "\" autocomplete=\"off\" spellcheck=\"false\" placeholder=\"ex. : l’IA générative en Europe\">\n"
      << "<button type=\"submit\">Rechercher</button></div>\n"
      << "<span id=\"filtres-caches\">";
    for (const auto& f : r.filters) o << "<input type=\"hidden\" name=\"filter\" value=\"" << escape_html(f) << "\">";
    if (!r.collapse) o << "<input type=\"hidden\" name=\"collapse\" value=\"0\">";
    o << "</span>\n<label for=\"tri\">Trier par</label> <select id=\"tri\" name=\"sort\">";
    const std::pair<const char*, const char*> sorts[] = {
        {"relevance", "pertinence"}, {"date", "date, récents d’abord"}, {"oldest", "date, anciens d’abord"}};
    for (const auto& [value, label] : sorts)
        o << "<option value=\"" << value << "\"" << (sort_name(r.sort) == value ? " selected" : "") << ">" << label
          << "</option>";
    o << "</select>\n</form>\n";
}

void render_chips(std::ostream& o, const SearchRequest& r) {
    o << "<nav id=\"puces\" aria-label=\"Filtres actifs\">";
    if (!r.filters.empty()) {
        o << "<ul>";
        for (std::size_t i = 0; i < r.filters.size(); ++i) {
            std::vector<std::string> rest = r.filters;
            rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
            const std::string& f = r.filters[i];
            const auto colon = f.find(':');
            std::string label = f;
            for (const auto& info : kFacets)
                if (f.compare(0, colon, info.field) == 0) label = std::string(info.label) + " : " + f.substr(colon + 1);
            o << "<li><a class=\"puce\" data-nav href=\"" << escape_html(page_url(r, rest, 0))
              << "\" aria-label=\"Retirer le filtre " << escape_html(label) << "\">" << escape_html(label)
              << " <span aria-hidden=\"true\">×</span></a></li>";
        }
        o << "</ul>";
    }
    o << "</nav>\n";
}

void render_hit(std::ostream& o, const SearchHit& hit) {
    const Article& a = hit.article;
    o << "<li><article class=\"resultat\" id=\"article-" << escape_html(a.id) << "\"><h2>";
    const std::string title = a.title.empty() ? a.id : a.title;
    if (is_web_url(a.url))
        o << "<a href=\"" << escape_html(a.url) << "\" rel=\"noopener noreferrer nofollow\">" << escape_html(title)
          << "</a>";
    else
        o << escape_html(title);
    o << "</h2>\n<p class=\"meta\">";
    std::vector<std::string> parts;
    if (a.date) parts.push_back("<time datetime=\"" + escape_html(a.date->iso()) + "\">" +
                                escape_html(french_date(a.date->iso())) + "</time>");
    if (!a.source.empty()) parts.push_back("<span class=\"source\">" + escape_html(a.source) + "</span>");
    for (const auto& c : a.companies) parts.push_back("<span class=\"entreprise\">" + escape_html(c) + "</span>");
    for (const auto& t : a.topics) parts.push_back("<span class=\"theme\">" + escape_html(t) + "</span>");
    for (std::size_t i = 0; i < parts.size(); ++i) o << (i ? " · " : "") << parts[i];
    o << "</p>\n";
    if (!a.url.empty() && !is_web_url(a.url)) o << "<p class=\"url\">" << escape_html(a.url) << "</p>\n";
    // The story's other tellings among the results: « + 1 autre source : Veille Tech », each title in
    // a tooltip.
    if (!hit.also.empty()) {
        o << "<p class=\"meta autres\">" << other_sources_label(hit.also.size());
        for (std::size_t i = 0; i < hit.also.size(); ++i) {
            const StoryMember& m = hit.also[i];
            o << (i ? ", " : "") << "<span title=\"" << escape_html(m.title) << "\">"
              << escape_html(m.source.empty() ? m.id : m.source) << "</span>";
        }
        o << "</p>\n";
    }
    // snippet_to_html escapes the article text itself; only its <mark> tags are markup.
    if (!hit.snippet.empty()) o << "<p class=\"extrait\">" << snippet_to_html(hit.snippet) << "</p>\n";
    o << "</article></li>\n";
}

void render_pages(std::ostream& o, const SearchRequest& r, const SearchResult& res) {
    if (r.limit == 0 || res.total <= r.limit) return;
    const std::size_t page = r.offset / r.limit + 1;
    const std::size_t pages = (res.total + r.limit - 1) / r.limit;
    o << "<nav class=\"pages\" aria-label=\"Pages de résultats\">";
    if (r.offset > 0)
        o << "<a data-nav rel=\"prev\" href=\""
          << escape_html(page_url(r, r.filters, r.offset > r.limit ? r.offset - r.limit : 0)) << "\">← Précédents</a> ";
    o << "<span>Page " << page << " sur " << pages << "</span>";
    if (r.offset + r.limit < res.total)
        o << " <a data-nav rel=\"next\" href=\"" << escape_html(page_url(r, r.filters, r.offset + r.limit))
          << "\">Suivants →</a>";
    o << "</nav>\n";
}

void render_facet(std::ostream& o, const SearchRequest& r, const FacetInfo& info, const std::vector<FacetCount>& values) {
    o << "<section class=\"facette\" aria-labelledby=\"facette-" << info.field << "\"><h2 id=\"facette-" << info.field
      << "\">" << info.heading << "</h2>";
    if (values.empty()) {
        o << "<p class=\"vide\">—</p></section>\n";
        return;
    }
    o << "<ul>";
    for (std::size_t i = 0; i < values.size() && i < kFacetShown; ++i) {
        const FacetCount& v = values[i];
        std::vector<std::string> filters;
        bool active = false;
        for (const auto& f : r.filters) {
            if (same_filter(f, info.field, v.value)) active = true;
            else filters.push_back(f);
        }
        if (!active) filters.push_back(filter_for(info.field, v.value));
        const std::string shown = std::string(info.field) == "date" ? french_date(v.value) : v.value;
        o << "<li><a data-nav href=\"" << escape_html(page_url(r, filters, 0)) << "\""
          << (active ? " class=\"actif\" aria-current=\"true\"" : "") << "><span class=\"valeur\">" << escape_html(shown)
          << "</span> <span class=\"nombre\">" << v.count << "</span></a></li>";
    }
    o << "</ul></section>\n";
}

/// Bars for every month of the match set, oldest on the left; the month list above carries the
/// same figures as text, so the drawing is one image for screen readers.
void render_histogram(std::ostream& o, const std::vector<FacetCount>& months) {
    if (months.size() < 2) return;
    std::vector<FacetCount> sorted = months;
    std::sort(sorted.begin(), sorted.end(), [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; });
    std::size_t max = 1;
    for (const auto& m : sorted) max = std::max(max, m.count);
    constexpr int kHeight = 60, kBar = 8, kGap = 2;
    const int width = static_cast<int>(sorted.size()) * (kBar + kGap);
    o << "<figure class=\"histogramme\"><svg role=\"img\" aria-label=\"Articles par mois, de "
      << escape_html(french_date(sorted.front().value)) << " à " << escape_html(french_date(sorted.back().value))
      << "\" viewBox=\"0 0 " << width << " " << kHeight << "\" preserveAspectRatio=\"none\">";
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const int h = std::max(1, static_cast<int>(sorted[i].count * kHeight / max));
        o << "<rect x=\"" << i * (kBar + kGap) << "\" y=\"" << kHeight - h << "\" width=\"" << kBar << "\" height=\"" << h
          << "\"><title>" << escape_html(french_date(sorted[i].value)) << " : " << sorted[i].count << "</title></rect>";
    }
    o << "</svg><figcaption>Articles par mois</figcaption></figure>\n";
}

std::string total_text(std::size_t total) {
    if (total == 0) return "Aucun article";
    return std::to_string(total) + (total == 1 ? " article" : " articles");
}

}  // namespace

std::string render_page(const PageView& view) {
    const SearchRequest& r = view.request;
    std::ostringstream o;
    o << "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      << (r.query.empty() ? std::string("veille") : escape_html(r.query) + " — veille") << "</title>\n"
      << "<link rel=\"stylesheet\" href=\"/static/style.css\">\n<script src=\"/static/app.js\" defer></script>\n"
      << "</head>\n<body>\n<a class=\"evitement\" href=\"#resultats\">Aller aux résultats</a>\n"
      << "<header><h1><a href=\"/\">veille</a></h1><p>Actualité tech en français</p>\n";
    render_form(o, r);
    o << "</header>\n<div id=\"app\">\n";
    render_chips(o, r);
    o << "<main id=\"resultats\" tabindex=\"-1\">\n";
    if (!view.error.empty()) {
        o << "<p id=\"total\" role=\"status\" class=\"erreur\">" << escape_html(view.error) << "</p>\n";
    } else if (!view.result) {
        o << "<p id=\"total\" role=\"status\">Tapez des mots, un nom d’entreprise ou un thème : « mistral ai », "
             "« cybersécurité », « date:2025-07 ».</p>\n";
    } else {
        const SearchResult& res = *view.result;
        o << "<p id=\"total\" role=\"status\" data-total=\"" << res.total << "\">" << total_text(res.total) << "</p>\n";
        if (res.suggestion) {
            SearchRequest suggested = r;
            suggested.query = *res.suggestion;
            o << "<p class=\"suggestion\">Essayez : <a data-nav href=\""
              << escape_html(page_url(suggested, r.filters, 0)) << "\">" << escape_html(*res.suggestion) << "</a></p>\n";
        }
        if (!res.notices.empty()) {
            o << "<ul class=\"notes\">";
            for (const auto& n : res.notices) o << "<li>" << escape_html(n) << "</li>";
            o << "</ul>\n";
        }
        if (!res.hits.empty()) {
            o << "<ol class=\"resultats\" start=\"" << res.offset + 1 << "\">\n";
            for (const auto& hit : res.hits) render_hit(o, hit);
            o << "</ol>\n";
        }
        render_pages(o, r, res);
    }
    o << "</main>\n<aside aria-label=\"Affiner la recherche\">\n";
    if (view.result) {
        for (const auto& info : kFacets) {
            const auto it = view.result->facets.find(info.field);
            static const std::vector<FacetCount> kNone;
            render_facet(o, r, info, it == view.result->facets.end() ? kNone : it->second);
        }
        if (const auto it = view.result->facets.find("date"); it != view.result->facets.end())
            render_histogram(o, it->second);
    }
    o << "</aside>\n</div>\n</body>\n</html>\n";
    return o.str();
}

}  // namespace veille
