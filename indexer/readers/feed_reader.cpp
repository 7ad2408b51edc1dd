// feed_reader.cpp — RSS 2.0, RSS 1.0 and Atom feeds: one article per item or entry.
#include "indexer/readers/format_readers.hpp"

#include "common/extract/date_parser.hpp"
#include "common/text/ascii.hpp"
#include "indexer/readers/html_text.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <sstream>

namespace veille {
namespace {

// Feeds mix namespace prefixes freely (atom:entry, dc:date, content:encoded): match local names.
std::string_view local_name(const pugi::xml_node& node) {
    const std::string_view n = node.name();
    const auto colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
    for (const pugi::xml_node& c : parent.children())
        if (c.type() == pugi::node_element && local_name(c) == name) return c;
    return {};
}

// The character data of an element (text and CDATA children joined), valid UTF-8: pugixml does not
// validate encodings, and the index stores JSON.
std::string raw_text(const pugi::xml_node& node) {
    std::string text;
    for (const pugi::xml_node& c : node.children())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text += c.value();
    return repair_utf8(text);
}

// Atom text constructs (RFC 4287 §3.1): type="text" (default), "html" (escaped) or "xhtml" (a div).
std::string atom_text(const pugi::xml_node& node) {
    const std::string_view type = node.attribute("type").value();
    if (type == "xhtml") {
        std::ostringstream xhtml;
        for (const pugi::xml_node& c : node.children()) c.print(xhtml, "", pugi::format_raw);
        return html_to_text(repair_utf8(xhtml.str()));
    }
    if (type == "html" || type == "text/html") return html_to_text(raw_text(node));
    return collapse_whitespace(raw_text(node));
}

std::string lang_of(std::string_view tag) {
    std::string lang(tag.substr(0, tag.find_first_of("-_")));
    for (char& c : lang)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return repair_utf8(lang);
}

// Feed dates are structured fields, but a bad one only loses the date: the item itself is fine and
// enrichment may still date it from its text.
void set_date(Article& a, std::initializer_list<pugi::xml_node> candidates) {
    for (const pugi::xml_node& n : candidates) {
        if (!n) continue;
        if (auto d = parse_metadata_date(raw_text(n))) {
            a.date = d;
            a.date_origin = DateOrigin::Metadata;
            return;
        }
    }
}

struct Feed {
    std::string_view content;
    const std::string& name;
    const RecordSink& sink;
    std::string source;
    std::string lang;

    // Finishes an article: id fallback, title-only items, rejection of empty ones.
    bool emit(Article a, const pugi::xml_node& node, std::size_t index, std::string_view what) const {
        const std::size_t line = line_at(content, static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, node.offset_debug())));
        if (a.body.empty()) a.body = a.title;  // link lists carry only titles; they are still findable
        if (a.body.empty()) return sink(Rejected{name, line, "<" + std::string(what) + "> " + std::to_string(index) + " has no title and no text"});
        if (a.id.empty()) a.id = a.url.empty() ? name + "#" + std::to_string(index) : a.url;
        if (a.source.empty()) a.source = source;
        if (a.lang.empty()) a.lang = lang;
        return sink(std::move(a));
    }
};

void read_rss_items(const Feed& feed, const pugi::xml_node& parent) {
    std::size_t index = 0;
    for (const pugi::xml_node& item : parent.children()) {
        if (item.type() != pugi::node_element || local_name(item) != "item") continue;
        Article a;
        a.title = collapse_whitespace(raw_text(child(item, "title")));
        a.body = html_to_text(raw_text(child(item, "encoded")));  // content:encoded, the full text
        if (a.body.empty()) a.body = html_to_text(raw_text(child(item, "description")));
        a.url = collapse_whitespace(raw_text(child(item, "link")));
        a.id = collapse_whitespace(raw_text(child(item, "guid")));
        if (a.id.empty()) a.id = repair_utf8(item.attribute("rdf:about").value());
        set_date(a, {child(item, "pubDate"), child(item, "date"), child(item, "published")});
        if (!feed.emit(std::move(a), item, ++index, "item")) return;
    }
}

std::string atom_link(const pugi::xml_node& entry) {
    std::string fallback;
    for (const pugi::xml_node& link : entry.children()) {
        if (link.type() != pugi::node_element || local_name(link) != "link") continue;
        const std::string_view rel = link.attribute("rel").value();
        if (rel.empty() || rel == "alternate") return repair_utf8(link.attribute("href").value());
        if (fallback.empty()) fallback = repair_utf8(link.attribute("href").value());
    }
    return fallback;
}

void read_atom_entries(const Feed& feed, const pugi::xml_node& root) {
    std::size_t index = 0;
    for (const pugi::xml_node& entry : root.children()) {
        if (entry.type() != pugi::node_element || local_name(entry) != "entry") continue;
        Article a;
        a.title = atom_text(child(entry, "title"));
        a.body = atom_text(child(entry, "content"));
        if (a.body.empty()) a.body = atom_text(child(entry, "summary"));
        a.url = collapse_whitespace(atom_link(entry));
        a.id = collapse_whitespace(raw_text(child(entry, "id")));
        a.lang = lang_of(entry.attribute("xml:lang").value());
        set_date(a, {child(entry, "published"), child(entry, "updated"), child(entry, "date")});
        if (!feed.emit(std::move(a), entry, ++index, "entry")) return;
    }
}

}  // namespace

void read_feed(std::string_view content, const std::string& name, const RecordSink& sink) {
    pugi::xml_document doc;
    const pugi::xml_parse_result result = doc.load_buffer(content.data(), content.size());
    if (!result) {
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, result.offset));
        sink(Rejected{name, line_at(content, offset),
                      "malformed XML at byte offset " + std::to_string(offset) + ": " + result.description()});
        return;
    }
    const pugi::xml_node root = doc.document_element();
    Feed feed{content, name, sink, {}, {}};
    if (local_name(root) == "rss" || local_name(root) == "RDF") {
        const pugi::xml_node channel = child(root, "channel");
        feed.source = collapse_whitespace(raw_text(child(channel, "title")));
        feed.lang = lang_of(raw_text(child(channel, "language")));
        // RSS 2.0 nests items in the channel; RSS 1.0 (RDF) puts them next to it.
        read_rss_items(feed, local_name(root) == "rss" ? channel : root);
    } else if (local_name(root) == "feed") {
        feed.source = atom_text(child(root, "title"));
        feed.lang = lang_of(root.attribute("xml:lang").value());
        read_atom_entries(feed, root);
    } else {
        sink(Rejected{name, 0, "not an RSS or Atom feed (root element <" + repair_utf8(root.name()) + ">)"});
    }
}

}  // namespace veille
