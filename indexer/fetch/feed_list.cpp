// feed_list.cpp — FEEDS.txt and OPML parsing. A bad line never stops the list: it becomes a problem
// naming file:line, and the other feeds are still fetched (issue 18).
#include "indexer/fetch/feed_list.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <pugixml.hpp>

#include "common/error.hpp"
#include "common/text/ascii.hpp"
#include "common/text/utf8.hpp"
#include "indexer/readers/format_readers.hpp"

namespace veille {
namespace {

// A URL longer than this is not a feed address anybody typed; browsers stop near 2 kB as well.
constexpr std::size_t kMaxUrlBytes = 2048;

// Adds `url` unless it was listed before (a feed is fetched once per run) or is unusable.
void add(FeedList& list, std::set<std::string, std::less<>>& seen, std::string_view url, std::size_t line,
         const std::string& name) {
    if (const std::string problem = url_problem(url); !problem.empty()) {
        list.problems.push_back({name, line, problem + ": " + in_quotes(url)});
        return;
    }
    if (!seen.insert(std::string(url)).second) return;
    list.feeds.push_back({std::string(url), line});
}

void parse_text(std::string_view content, const std::string& name, FeedList& list) {
    std::set<std::string, std::less<>> seen;
    std::size_t line_no = 0;
    while (!content.empty()) {
        const auto end = content.find('\n');
        const std::string_view line = trim(content.substr(0, end));  // trim() also drops a CR
        content = end == std::string_view::npos ? std::string_view() : content.substr(end + 1);
        ++line_no;
        if (line.empty() || line.front() == '#') continue;
        add(list, seen, line, line_no, name);
    }
}

// OPML 1.0/2.0 (what feed readers export): <opml><body><outline …> nested freely; a feed is an
// outline with xmlUrl, folders are outlines without one.
void parse_opml(std::string_view content, const std::string& name, FeedList& list) {
    pugi::xml_document doc;
    const pugi::xml_parse_result result = doc.load_buffer(content.data(), content.size());
    if (!result) {
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, result.offset));
        list.problems.push_back({name, line_at(content, offset),
                                 std::string("malformed OPML (XML) at byte offset ") + std::to_string(offset) + ": " +
                                     result.description()});
        return;
    }
    if (std::string_view(doc.document_element().name()) != "opml") {
        list.problems.push_back({name, 1, "not an OPML file (root element " + in_quotes(doc.document_element().name()) +
                                              "); a plain list has one URL per line"});
        return;
    }
    std::set<std::string, std::less<>> seen;
    for (const pugi::xpath_node& found : doc.select_nodes("//outline[@xmlUrl]")) {
        const pugi::xml_node outline = found.node();
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, outline.offset_debug()));
        add(list, seen, trim(outline.attribute("xmlUrl").value()), line_at(content, offset), name);
    }
}

}  // namespace

std::string url_problem(std::string_view url) {
    if (url.size() > kMaxUrlBytes) return "URL longer than " + std::to_string(kMaxUrlBytes) + " bytes";
    const std::string lower = lower_ascii(url.substr(0, 8));
    const std::size_t scheme = lower.starts_with("https://") ? 8 : lower.starts_with("http://") ? 7 : 0;
    if (!scheme) return "not an http(s) URL";
    for (const char c : url)
        if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f') return "space or control character in the URL";
    if (invalid_utf8_offset(url)) return "URL is not valid UTF-8";
    if (url_host(url).empty()) return "no host in the URL";
    return {};
}

std::string url_host(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return {};
    std::string_view authority = url.substr(scheme_end + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    if (authority.starts_with('[')) {  // IPv6 literal: « [::1]:8080 »
        const auto close = authority.find(']');
        return close == std::string_view::npos ? std::string() : lower_ascii(authority.substr(0, close + 1));
    }
    return lower_ascii(authority.substr(0, authority.find(':')));
}

FeedList parse_feed_list(std::string_view content, const std::string& name) {
    FeedList list;
    if (content.starts_with(kUtf8Bom)) content.remove_prefix(kUtf8Bom.size());
    const auto first = content.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && content[first] == '<') parse_opml(content, name, list);
    else parse_text(content, name, list);
    return list;
}

FeedList read_feed_list(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(path, 0, "is a directory, not a feed list");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot open the feed list");
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) throw InputError(path, 0, "cannot read the feed list");
    return parse_feed_list(content.str(), path);
}

}  // namespace veille
