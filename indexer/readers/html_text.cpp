// html_text.cpp — gumbo RAII and visible-text extraction with block-aware whitespace.
#include "indexer/readers/html_text.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>
#include <vector>

namespace veille {
namespace {

// Elements whose content a reader never sees as article text (WHATWG "rendering" plus site chrome).
bool skipped(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_FORM:
        case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
            return true;
        default:
            return false;
    }
}

bool block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_MAIN: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
        case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
        case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
        case GUMBO_TAG_CAPTION: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CENTER: case GUMBO_TAG_BODY: case GUMBO_TAG_FIELDSET:
            return true;
        default:
            return false;
    }
}

bool hidden(const GumboNode& element) {
    if (gumbo_get_attribute(&element.v.element.attributes, "hidden")) return true;
    if (attribute(element, "aria-hidden") == "true") return true;
    std::string style(attribute(element, "style"));
    style.erase(std::remove_if(style.begin(), style.end(), [](char c) { return c == ' ' || c == '\t'; }), style.end());
    return style.find("display:none") != std::string::npos;
}

bool has_token(std::string_view list, std::string_view token) {
    while (!list.empty()) {
        const auto space = list.find(' ');
        if (list.substr(0, space) == token) return true;
        list.remove_prefix(space == std::string_view::npos ? list.size() : space + 1);
    }
    return false;
}

// Site chrome marked without the HTML5 elements: ARIA landmark roles for nav/header/footer/aside,
// and the DocBook navigation bars of generated manuals (navheader, navfooter).
bool chrome(const GumboNode& element) {
    static constexpr std::string_view kRoles[] = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"};
    static constexpr std::string_view kClasses[] = {"navheader", "navfooter", "breadcrumb", "breadcrumbs"};
    const std::string_view role = attribute(element, "role");
    const std::string_view classes = attribute(element, "class");
    return std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles) ||
           std::any_of(std::begin(kClasses), std::end(kClasses), [&](std::string_view c) { return has_token(classes, c); });
}

// Appends text while collapsing whitespace; breaks are emitted lazily so that empty blocks and
// leading/trailing whitespace never show.
class TextBuilder {
public:
    enum Break { None, Space, Line, Paragraph };

    void text(std::string_view s) {
        for (const char c : s) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                request(Space);
                continue;
            }
            if (pending_ != None && !out_.empty()) out_ += pending_ == Space ? " " : pending_ == Line ? "\n" : "\n\n";
            pending_ = None;
            out_ += c;
        }
    }
    void request(Break b) { pending_ = std::max(pending_, b); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
    Break pending_ = None;
};

std::string lower_name(std::string_view html, std::size_t& i) {
    std::string name;
    while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-' || html[i] == ':')) {
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
        ++i;
    }
    return name;
}

// Elements that never hold children, or whose end tag is implied by the next sibling, or that the
// HTML5 tree builder never nests (<a> closes an open <a>): none of them deepens the tree.
bool flat(std::string_view name) {
    static constexpr std::string_view kFlat[] = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr", "keygen", "basefont", "bgsound", "frame", "p", "li", "dt", "dd", "tr", "td", "th", "option",
        "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "rtc", "a", "nobr",
        "html", "head", "body"};
    return std::find(std::begin(kFlat), std::end(kFlat), name) != std::end(kFlat);
}

bool raw_text(std::string_view name) {
    return name == "script" || name == "style" || name == "textarea" || name == "title" || name == "xmp" ||
           name == "iframe" || name == "noembed" || name == "noframes" || name == "plaintext";
}

// Character data of markup too deep to parse: tags dropped, entities left as written.
std::string strip_tags(std::string_view html) {
    std::string text;
    bool in_tag = false;
    for (const char c : html) {
        if (c == '<') in_tag = true;
        else if (c == '>') in_tag = false, text += ' ';
        else if (!in_tag) text += c;
    }
    TextBuilder out;
    out.text(text);
    return out.take();
}

}  // namespace

std::size_t nesting_depth(std::string_view html) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string_view::npos) {
        ++i;
        if (i >= html.size()) break;
        if (html[i] == '!' || html[i] == '?') {
            const bool comment = html.substr(i, 3) == "!--";
            const auto end = comment ? html.find("-->", i) : html.find('>', i);
            if (end == std::string_view::npos) break;
            i = end + 1;
            continue;
        }
        const bool closing = html[i] == '/';
        if (closing) ++i;
        const std::string name = lower_name(html, i);
        if (name.empty()) continue;
        const auto end = html.find('>', i);
        if (end == std::string_view::npos) break;
        i = end + 1;
        if (flat(name)) continue;
        if (closing) {
            if (depth > 0) --depth;
        } else if (raw_text(name)) {
            // Skip to the matching end tag: « <script>"<div>"</script> » nests nothing.
            std::size_t close = i;
            while ((close = html.find("</", close)) != std::string_view::npos) {
                std::size_t k = close + 2;
                if (lower_name(html, k) == name) break;
                close += 2;
            }
            if (close == std::string_view::npos) break;
            i = close;
        } else {
            deepest = std::max(deepest, ++depth);
        }
    }
    return deepest;
}

void GumboOutputDeleter::operator()(GumboOutput* output) const {
    if (output) gumbo_destroy_output(&kGumboDefaultOptions, output);
}

GumboTree parse_html(std::string_view html) {
    return GumboTree(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
}

std::string_view attribute(const GumboNode& element, const char* name) {
    if (element.type != GUMBO_NODE_ELEMENT && element.type != GUMBO_NODE_TEMPLATE) return {};
    const GumboAttribute* a = gumbo_get_attribute(&element.v.element.attributes, name);
    return a && a->value ? std::string_view(a->value) : std::string_view();
}

std::string visible_text(const GumboNode& root, bool include_hidden) {
    TextBuilder out;
    // An explicit stack: HTML5 trees can be nested tens of thousands deep, more than the call stack.
    struct Frame {
        const GumboNode* node;
        unsigned next;
    };
    std::vector<Frame> stack;
    auto enter = [&](const GumboNode* node) {
        switch (node->type) {
            case GUMBO_NODE_TEXT: case GUMBO_NODE_CDATA: case GUMBO_NODE_WHITESPACE:
                out.text(node->v.text.text ? node->v.text.text : "");
                return;
            case GUMBO_NODE_ELEMENT: case GUMBO_NODE_DOCUMENT:
                break;
            default:
                return;  // comments, templates
        }
        if (node->type == GUMBO_NODE_ELEMENT) {
            const GumboTag tag = node->v.element.tag;
            if (tag == GUMBO_TAG_BR) out.request(TextBuilder::Line);
            if (skipped(tag) || chrome(*node) || (!include_hidden && hidden(*node))) return;
            if (block(tag)) out.request(TextBuilder::Paragraph);
            if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) out.request(TextBuilder::Space);
        }
        stack.push_back({node, 0});
    };
    enter(&root);
    while (!stack.empty()) {
        Frame& top = stack.back();
        const GumboVector& children =
            top.node->type == GUMBO_NODE_DOCUMENT ? top.node->v.document.children : top.node->v.element.children;
        if (top.next < children.length) {
            enter(static_cast<const GumboNode*>(children.data[top.next++]));
            continue;
        }
        if (top.node->type == GUMBO_NODE_ELEMENT && block(top.node->v.element.tag)) out.request(TextBuilder::Paragraph);
        stack.pop_back();
    }
    return out.take();
}

std::string html_to_text(std::string_view html) {
    if (nesting_depth(html) > kMaxHtmlDepth) return strip_tags(html);
    const GumboTree tree = parse_html(html);
    return visible_text(*tree->document);
}

}  // namespace veille
