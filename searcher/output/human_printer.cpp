// human_printer.cpp — the terminal view: numbered results, facet summary, French labels, ANSI colours
// only when asked (a terminal without NO_COLOR, decided by the caller).
#include "searcher/output/printers.hpp"

#include "common/text/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace veille {

namespace {

constexpr std::size_t kWidth = 88;  // wrap column: readable on an 80–100 column terminal

struct Style {
    bool on;
    [[nodiscard]] const char* bold() const { return on ? "\x1b[1m" : ""; }
    [[nodiscard]] const char* dim() const { return on ? "\x1b[2m" : ""; }
    [[nodiscard]] const char* mark() const { return on ? "\x1b[1;33m" : ""; }
    [[nodiscard]] const char* reset() const { return on ? "\x1b[0m" : ""; }
};

/// Display columns of UTF-8 text: one per code point, markers and continuation bytes excluded.
std::size_t columns(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s)
        if (!is_continuation_byte(c) && c != kMarkOpen && c != kMarkClose) ++n;
    return n;
}

/// Milliseconds the French way: « 4,2 ms ».
std::string format_ms(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, ms < 10 ? "%.1f" : "%.0f", ms);
    std::string s = buf;
    for (char& c : s)
        if (c == '.') c = ',';
    return s + " ms";
}

std::string join(const std::vector<std::string>& values, std::string_view sep) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += sep;
        out += printable(v);
    }
    return out;
}

bool is_break(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/// Word-wraps `text` at kWidth with `indent` before every line; markers become colour or vanish.
void print_wrapped(std::ostream& out, std::string_view text, std::string_view indent, const Style& style) {
    std::size_t col = 0;
    bool marking = false;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_break(text[i])) ++i;
        if (i >= text.size()) break;
        std::size_t j = i;
        while (j < text.size() && !is_break(text[j])) ++j;
        const std::string_view word = text.substr(i, j - i);
        const std::size_t w = columns(word);
        if (col == 0) {
            out << indent;
            col = columns(indent);
        } else if (col + 1 + w > kWidth) {
            out << (marking ? style.reset() : "") << '\n' << indent << (marking ? style.mark() : "");
            col = columns(indent);
        } else {
            out << ' ';
            ++col;
        }
        for (const char c : word) {
            if (c == kMarkOpen) {
                out << style.mark();
                marking = true;
            } else if (c == kMarkClose) {
                out << style.reset();
                marking = false;
            } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) {
                out << c;
            }
        }
        col += w;
        i = j;
    }
    if (marking) out << style.reset();
    if (col > 0) out << '\n';
}

std::string date_text(const Article& a) {
    if (!a.date) return "sans date";  // (Date::iso() is digits and dashes: nothing to clean)
    std::string s = a.date->iso();
    if (a.date_origin == DateOrigin::Text) s += " (d’après le texte)";
    return s;
}

/// The other sources of a folded story: « + 2 autres sources : La Dépêche Tech (ia-027), L'Octet (x-1) ».
std::string also_line(const std::vector<StoryMember>& also) {
    std::string out = other_sources_label(also.size());
    for (std::size_t i = 0; i < also.size(); ++i) {
        const StoryMember& m = also[i];
        out += i ? ", " : "";
        out += m.source.empty() ? printable(m.id) : printable(m.source) + " (" + printable(m.id) + ")";
    }
    return out;
}

std::string facet_label(const std::string& name) {
    if (name == "company") return "Entreprises";
    if (name == "topic") return "Thèmes";
    if (name == "date") return "Mois";
    if (name == "source") return "Sources";
    return name;
}

class HumanPrinter final : public Printer {
public:
    explicit HumanPrinter(bool color) : style_{color} {}

    void print(const SearchResult& r, std::ostream& out) override {
        print_header(r, out);
        for (const std::string& n : r.notices) out << style_.dim() << "Note : " << printable(n) << style_.reset() << '\n';
        if (r.suggestion) out << "Essayez : " << style_.bold() << printable(*r.suggestion) << style_.reset() << '\n';
        const std::size_t rank_width = r.hits.empty() ? 1 : std::to_string(r.hits.back().rank).size();
        bool explained = false;
        for (const SearchHit& hit : r.hits) {
            out << '\n';
            print_hit(hit, rank_width, out);
            explained = explained || !hit.explanation.empty();
        }
        const bool facets = std::any_of(r.facets.begin(), r.facets.end(), [](const auto& f) { return !f.second.empty(); });
        if (!r.hits.empty() || facets) out << '\n';
        print_facets(r, out);
        if (!r.active_filters.empty()) out << "Filtres : " << join(r.active_filters, " · ") << '\n';
        if (explained && !r.query_description.empty())
            out << style_.dim() << "Requête : " << printable(r.query_description) << style_.reset() << '\n';
    }

    void print_article(const Article& a, std::ostream& out) override {
        out << style_.bold() << printable(a.title) << style_.reset() << '\n';
        std::vector<std::string> meta{date_text(a)};
        if (!a.source.empty()) meta.push_back(a.source);
        out << style_.dim() << join(meta, " · ") << style_.reset() << '\n';
        if (!a.url.empty()) out << style_.dim() << printable(a.url) << style_.reset() << '\n';
        if (!a.companies.empty()) out << "Entreprises : " << join(a.companies, ", ") << '\n';
        if (!a.topics.empty()) out << "Thèmes : " << join(a.topics, ", ") << '\n';
        out << style_.dim() << "id : " << printable(a.id) << style_.reset() << '\n';
        // Paragraphs are kept (blank line between them); each is wrapped on its own.
        std::size_t start = 0;
        const std::string& body = a.body;
        while (start <= body.size()) {
            std::size_t end = body.find("\n\n", start);
            if (end == std::string::npos) end = body.size();
            const std::string_view paragraph = std::string_view(body).substr(start, end - start);
            if (paragraph.find_first_not_of(" \n\t\r") != std::string_view::npos) {
                out << '\n';
                print_wrapped(out, paragraph, "", style_);
            }
            start = end + 2;
        }
    }

private:
    void print_header(const SearchResult& r, std::ostream& out) const {
        const std::string about = r.query.empty() ? std::string() : " pour « " + printable(r.query) + " »";
        const std::string took = " (" + format_ms(r.took_ms) + ")";
        if (r.total == 0) {
            out << "Aucun résultat" << about << took << '\n';
            return;
        }
        if (r.hits.empty()) {
            out << "Aucun résultat à partir du n° " << r.offset + 1 << " (" << r.total << " au total)" << about
                << took << '\n';
            return;
        }
        // The total counts articles; a story's other tellings are under its result, not pages further.
        const std::size_t folded = r.articles_shown() - r.hits.size();
        if (r.offset == 0 && r.hits.size() + folded == r.total) {
            out << r.hits.size() << (r.hits.size() == 1 ? " résultat" : " résultats");
            if (folded > 0) out << " (" << r.total << " articles)";
            out << about << took << '\n';
        } else {
            out << "Résultats " << r.hits.front().rank << "–" << r.hits.back().rank << " sur " << r.total
                << (folded > 0 ? " articles" : "") << about << took << '\n';
        }
    }

    void print_hit(const SearchHit& hit, std::size_t rank_width, std::ostream& out) const {
        const std::string number = std::to_string(hit.rank);
        const std::string indent(rank_width + 3, ' ');
        out << std::string(rank_width - number.size() + 1, ' ') << number << ". " << style_.bold() << printable(hit.article.title)
            << style_.reset() << '\n';
        std::vector<std::string> meta{date_text(hit.article)};
        if (!hit.article.source.empty()) meta.push_back(hit.article.source);
        out << indent << style_.dim() << join(meta, " · ") << style_.reset() << '\n';
        if (!hit.also.empty()) print_wrapped(out, also_line(hit.also), indent, style_);
        std::vector<std::string> tags;
        if (!hit.article.companies.empty()) tags.push_back(join(hit.article.companies, ", "));
        if (!hit.article.topics.empty()) tags.push_back(join(hit.article.topics, ", "));
        if (!tags.empty()) print_wrapped(out, join(tags, " · "), indent, style_);  // 11 companies happen
        if (!hit.snippet.empty()) print_wrapped(out, hit.snippet, indent, style_);
        if (!hit.explanation.empty()) {
            out << indent << style_.dim() << "Explication :" << style_.reset() << '\n';
            std::size_t start = 0;
            while (start < hit.explanation.size()) {
                std::size_t end = hit.explanation.find('\n', start);
                if (end == std::string::npos) end = hit.explanation.size();
                out << indent << "  " << style_.dim() << printable(hit.explanation.substr(start, end - start)) << style_.reset()
                    << '\n';
                start = end + 1;
            }
        }
    }

    void print_facets(const SearchResult& r, std::ostream& out) const {
        // The documented order first, then any other facet the engine adds.
        std::vector<std::string> names{"company", "topic", "date"};
        for (const auto& [name, values] : r.facets)
            if (name != "company" && name != "topic" && name != "date") names.push_back(name);
        for (const auto& name : names) {
            const auto it = r.facets.find(name);
            if (it == r.facets.end() || it->second.empty()) continue;
            std::vector<std::string> parts;
            for (const FacetCount& f : it->second) parts.push_back(printable(f.value) + " (" + std::to_string(f.count) + ")");
            out << style_.bold() << facet_label(name) << " :" << style_.reset() << ' ' << join(parts, " · ") << '\n';
        }
    }

    Style style_;
};

}  // namespace

std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u == '\n' || u == '\t') out += ' ';
        else if (u >= 0x20 && u != 0x7F) out += c;
    }
    return out;
}

std::string other_sources_label(std::size_t count) {
    return "+ " + std::to_string(count) + (count == 1 ? " autre source : " : " autres sources : ");
}

std::unique_ptr<Printer> make_human_printer(bool color) { return std::make_unique<HumanPrinter>(color); }

}  // namespace veille
