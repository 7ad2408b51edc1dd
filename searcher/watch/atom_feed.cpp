// atom_feed.cpp — the Atom document built with pugixml, which escapes text and attributes.
// What it cannot escape (control characters, invalid UTF-8: not allowed in XML 1.0) is removed
// first.
#include "searcher/watch/atom_feed.hpp"

#include <sstream>

#include <pugixml.hpp>

#include "common/date.hpp"
#include "common/text/utf8.hpp"
#include "searcher/output/printers.hpp"
#include "searcher/serve/html_text.hpp"

namespace veille {

namespace {

constexpr const char* kAtomNamespace = "http://www.w3.org/2005/Atom";
constexpr std::size_t kSummaryBytes = 400;

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. After
// repair_utf8 only C0 controls (snippet highlight markers among them) and U+FFFE/U+FFFF remain to
// drop.
std::string xml_text(std::string_view text) {
    const std::string repaired = repair_utf8(text);
    std::string out;
    out.reserve(repaired.size());
    for (std::size_t i = 0; i < repaired.size(); ++i) {
        const auto c = static_cast<unsigned char>(repaired[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
        if (c == 0xEF && i + 2 < repaired.size() &&
            static_cast<unsigned char>(repaired[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(repaired[i + 2]) == 0xBE ||
             static_cast<unsigned char>(repaired[i + 2]) == 0xBF)) {
            i += 2;
            continue;
        }
        out += repaired[i];
    }
    return out;
}

// An IRI for any id: bytes other than RFC 3986 unreserved characters percent-encoded (« % » too, so
// two ids never share one).
std::string article_iri(std::string_view id) {
    return "urn:veille:article:" + encode_query_component(id);
}

// RFC 3339 at midnight UTC; a year or month alone stands for its first day.
std::string date_time(const Date& date) {
    return date_from_days(date.days_since_epoch()).iso() + "T00:00:00Z";
}

std::string entry_updated(const Watch& watch, const Article& article) {
    if (article.date && article.date->year > 0) return date_time(*article.date);
    const auto reported = watch.reported.find(article.id);
    return reported != watch.reported.end() ? reported->second : watch.created;
}

std::string summary_of(const SearchHit& hit) {
    std::string text = hit.snippet;
    if (text.empty()) {
        const std::string_view body = hit.article.body;
        text = std::string(body.substr(0, utf8_floor(body, std::min(body.size(), kSummaryBytes))));
        if (text.size() < body.size()) text += " …";
    }
    // A story told by several outlets is one entry, naming the others as a search does.
    if (!hit.also.empty()) {
        text += " (" + other_sources_label(hit.also.size());
        for (std::size_t i = 0; i < hit.also.size(); ++i)
            text += (i ? ", " : "") + (hit.also[i].source.empty() ? hit.also[i].id : hit.also[i].source);
        text += ")";
    }
    return xml_text(text);
}

void add_text(pugi::xml_node parent, const char* name, const std::string& text) {
    parent.append_child(name).text().set(xml_text(text).c_str());
}

}  // namespace

std::string atom_feed(const Watch& watch, const SearchResult& latest, std::string_view self_url) {
    pugi::xml_document doc;
    auto declaration = doc.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "utf-8";
    auto feed = doc.append_child("feed");
    feed.append_attribute("xmlns") = kAtomNamespace;
    add_text(feed, "id",
             "urn:veille:watch:" + watch.name);  // names are [A-Za-z0-9_-]: an IRI as is
    add_text(feed, "title", "veille : " + watch.name);
    std::string subtitle = watch.query;
    for (const std::string& f : watch.filters) subtitle += " [" + f + "]";
    add_text(feed, "subtitle", subtitle);
    if (!self_url.empty()) {
        auto self = feed.append_child("link");
        self.append_attribute("rel") = "self";
        self.append_attribute("href") = xml_text(self_url).c_str();
    }
    // Entries come newest first by article date, but an undated one may carry a later report time.
    std::string updated = watch.created;
    for (const SearchHit& hit : latest.hits)
        updated = std::max(updated, entry_updated(watch, hit.article));
    add_text(feed, "updated", updated);
    add_text(feed.append_child("author"), "name", "veille");
    add_text(feed, "generator", "veille");

    for (const SearchHit& hit : latest.hits) {
        const Article& a = hit.article;
        auto entry = feed.append_child("entry");
        add_text(entry, "id", article_iri(a.id));
        add_text(entry, "title", a.title.empty() ? a.id : a.title);
        if (is_web_url(a.url)) {
            auto link = entry.append_child("link");
            link.append_attribute("rel") = "alternate";
            link.append_attribute("href") = xml_text(a.url).c_str();
        }
        add_text(entry, "updated", entry_updated(watch, a));
        if (!a.source.empty()) add_text(entry.append_child("author"), "name", a.source);
        for (const std::string& topic : a.topics)
            entry.append_child("category").append_attribute("term") = xml_text(topic).c_str();
        entry.append_child("summary").text().set(summary_of(hit).c_str());
    }
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

}  // namespace veille
