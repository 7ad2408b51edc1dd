// html_reader.cpp — one HTML page → one article: title, main text, metadata date, site name, canonical URL.
#include "indexer/readers/format_readers.hpp"

#include "common/extract/date_parser.hpp"
#include "common/text/ascii.hpp"
#include "indexer/readers/html_text.hpp"

#include <nlohmann/json.hpp>
#include <unicode/ucnv.h>

#include <cctype>
#include <vector>

namespace veille {
namespace {


// The charset a page declares in its first bytes (<meta charset=…> or http-equiv), lower-cased.
std::string declared_charset(std::string_view html) {
    const std::string head = lower_ascii(html.substr(0, 2048));
    const auto at = head.find("charset=");
    if (at == std::string::npos) return {};
    std::size_t i = at + 8;
    while (i < head.size() && (head[i] == '"' || head[i] == '\'' || head[i] == ' ')) ++i;
    const std::size_t start = i;
    while (i < head.size() && (std::isalnum(static_cast<unsigned char>(head[i])) || head[i] == '-' || head[i] == '_')) ++i;
    return head.substr(start, i - start);
}

// Pages that are not UTF-8 are decoded from their declared charset, or windows-1252 (the WHATWG
// default for undeclared legacy pages). Valid UTF-8 is trusted over a declaration: CMSs often
// serve UTF-8 under an old « iso-8859-1 » meta.
std::string to_utf8(std::string_view html) {
    if (!invalid_utf8_offset(html)) return std::string(html);
    std::string charset = declared_charset(html);
    if (charset.empty() || charset == "utf-8" || charset == "utf8") charset = "windows-1252";
    if (html.size() < (1u << 29)) {
        std::string out(html.size() * 3 + 1, '\0');
        UErrorCode status = U_ZERO_ERROR;
        const int32_t n = ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()),
                                       html.data(), static_cast<int32_t>(html.size()), &status);
        if (U_SUCCESS(status) && n >= 0) {
            out.resize(static_cast<std::size_t>(n));
            return repair_utf8(out);
        }
    }
    return repair_utf8(html);
}

// What a pass over the tree collects; pointers stay valid while the tree lives.
struct Page {
    const GumboNode* html = nullptr;
    const GumboNode* body = nullptr;
    const GumboNode* article = nullptr;
    const GumboNode* main = nullptr;
    const GumboNode* title = nullptr;
    const GumboNode* h1 = nullptr;
    std::vector<std::pair<std::string, std::string>> metas;  // lower-cased property/name/itemprop → content
    std::vector<std::string> times;                            // <time datetime>, pubdate ones first
    std::vector<std::string> json_ld;
    std::string canonical;
};

std::string node_text(const GumboNode* node) {
    if (!node || node->type != GUMBO_NODE_ELEMENT) return {};
    std::string text;
    for (unsigned i = 0; i < node->v.element.children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(node->v.element.children.data[i]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE || child->type == GUMBO_NODE_CDATA)
            text += child->v.text.text;
    }
    return text;
}

void collect(const GumboNode& element, Page& page) {
    const GumboTag tag = element.v.element.tag;
    auto first = [](const GumboNode*& slot, const GumboNode& n) {
        if (!slot) slot = &n;
    };
    switch (tag) {
        case GUMBO_TAG_HTML: first(page.html, element); break;
        case GUMBO_TAG_BODY: first(page.body, element); break;
        case GUMBO_TAG_ARTICLE: first(page.article, element); break;
        case GUMBO_TAG_MAIN: first(page.main, element); break;
        case GUMBO_TAG_TITLE: first(page.title, element); break;
        case GUMBO_TAG_H1: first(page.h1, element); break;
        case GUMBO_TAG_TIME:
            if (const auto dt = attribute(element, "datetime"); !dt.empty()) {
                if (gumbo_get_attribute(&element.v.element.attributes, "pubdate")) page.times.insert(page.times.begin(), std::string(dt));
                else page.times.emplace_back(dt);
            }
            break;
        case GUMBO_TAG_SCRIPT:
            if (lower_ascii(attribute(element, "type")) == "application/ld+json") page.json_ld.push_back(node_text(&element));
            break;
        case GUMBO_TAG_LINK:
            if (lower_ascii(attribute(element, "rel")) == "canonical" && page.canonical.empty())
                page.canonical = attribute(element, "href");
            break;
        default: break;
    }
    if (attribute(element, "role") == "main") first(page.main, element);
    for (const char* key : {"property", "name", "itemprop"}) {
        const auto k = attribute(element, key);
        if (k.empty()) continue;
        auto value = attribute(element, "content");
        if (value.empty()) value = attribute(element, "datetime");
        if (!value.empty()) page.metas.emplace_back(lower_ascii(k), std::string(value));
    }
}

Page scan(const GumboNode& root) {
    Page page;
    std::vector<const GumboNode*> stack{&root};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        const GumboVector* children = nullptr;
        if (node->type == GUMBO_NODE_DOCUMENT) children = &node->v.document.children;
        else if (node->type == GUMBO_NODE_ELEMENT) {
            collect(*node, page);
            children = &node->v.element.children;
        }
        if (!children) continue;
        for (unsigned i = children->length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(children->data[i - 1]));
    }
    return page;
}

std::string meta(const Page& page, std::string_view key) {
    for (const auto& [k, v] : page.metas)
        if (k == key) return collapse_whitespace(v);
    return {};
}

// schema.org datePublished anywhere in a JSON-LD block (top level, arrays, @graph), bounded walk.
std::string json_ld_date(const std::string& text) {
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) return {};
    std::vector<const nlohmann::json*> stack{&doc};
    for (int budget = 10000; !stack.empty() && budget > 0; --budget) {
        const nlohmann::json* v = stack.back();
        stack.pop_back();
        if (v->is_object()) {
            if (const auto it = v->find("datePublished"); it != v->end() && it->is_string()) return it->get<std::string>();
            for (const auto& item : v->items()) stack.push_back(&item.value());
        } else if (v->is_array()) {
            for (const auto& item : *v) stack.push_back(&item);
        }
    }
    return {};
}

// Metadata dates, most deliberate first. A page's unparsable date is skipped, not fatal: unlike a
// JSONL producer, the page author cannot be asked to fix it, and enrichment may still date the text.
std::optional<Date> page_date(const Page& page) {
    std::vector<std::string> candidates{meta(page, "article:published_time"), meta(page, "og:article:published_time")};
    for (const std::string& block : page.json_ld) candidates.push_back(json_ld_date(block));
    for (const char* key : {"datepublished", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
                            "pubdate", "publish-date", "parsely-pub-date"})
        candidates.push_back(meta(page, key));
    candidates.insert(candidates.end(), page.times.begin(), page.times.end());
    for (const std::string& c : candidates)
        if (!c.empty())
            if (auto d = parse_metadata_date(c)) return d;
    return std::nullopt;
}

bool absolute_url(std::string_view url) {
    const auto scheme = url.find("://");
    return scheme != std::string_view::npos && scheme > 0 && url.find_first_of(" \t\n") == std::string_view::npos;
}

}  // namespace

void read_html(std::string_view content, const std::string& name, const RecordSink& sink) {
    const std::string html = to_utf8(content);
    if (const std::size_t depth = nesting_depth(html); depth > kMaxHtmlDepth) {
        sink(Rejected{name, 0, "HTML nested " + std::to_string(depth) + " elements deep (more than " +
                                   std::to_string(kMaxHtmlDepth) + "); not indexed"});
        return;
    }
    const GumboTree tree = parse_html(html);
    const Page page = scan(*tree->document);

    Article a;
    // The article's own container when the page marks one; falling back when it is empty (a teaser
    // card). Text that only scripts reveal (LibreOffice help: <span hidden> per application) is
    // better than nothing, so hidden elements are taken when nothing else is left.
    for (const bool include_hidden : {false, true}) {
        for (const GumboNode* root : {page.article, page.main, page.body})
            if (root && !(a.body = visible_text(*root, include_hidden)).empty()) break;
        if (!a.body.empty()) break;
    }
    if (a.body.empty()) {
        sink(Rejected{name, 0, "no text in HTML body"});
        return;
    }
    a.title = collapse_whitespace(node_text(page.title));
    if (a.title.empty()) a.title = meta(page, "og:title");
    if (a.title.empty() && page.h1) a.title = collapse_whitespace(visible_text(*page.h1));
    a.source = meta(page, "og:site_name");
    a.url = absolute_url(page.canonical) ? collapse_whitespace(page.canonical) : std::string();
    if (a.url.empty() && absolute_url(meta(page, "og:url"))) a.url = meta(page, "og:url");
    if (page.html) {
        const std::string lang = lower_ascii(attribute(*page.html, "lang"));
        a.lang = lang.substr(0, lang.find_first_of("-_"));
    }
    if ((a.date = page_date(page))) a.date_origin = DateOrigin::Metadata;
    a.id = a.url.empty() ? name : a.url;
    sink(std::move(a));
}

}  // namespace veille
