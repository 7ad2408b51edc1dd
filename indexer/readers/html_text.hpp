// html_text.hpp — gumbo parsing and the visible text of HTML, shared by the HTML and feed readers.
#pragma once
#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace veille {

/// Frees a gumbo parse tree.
struct GumboOutputDeleter {
    void operator()(GumboOutput* output) const;
};
/// An owned gumbo parse tree.
using GumboTree = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

/// Parses UTF-8 HTML (a document or a fragment) with gumbo; never null. Invalid bytes become U+FFFD.
GumboTree parse_html(std::string_view html);

/// Visible text under `node`: block elements separated by "\n\n", <br> by "\n", other whitespace
/// collapsed to one space; script, style, nav, header, footer, aside, noscript, form, template, head,
/// ARIA navigation landmarks and (unless `include_hidden`) hidden elements are skipped.
/// « <p>Le <b>12</b> juillet</p><p>Fin</p> » → « Le 12 juillet\n\nFin ».
std::string visible_text(const GumboNode& node, bool include_hidden = false);

/// Gumbo's tree construction is quadratic in nesting depth (10,000 nested <div> take seconds), so
/// inputs nested deeper than this are not given to it.
inline constexpr std::size_t kMaxHtmlDepth = 1000;

/// The deepest element nesting `html` would produce, estimated by a linear scan of its tags (void
/// elements, elements with optional end tags, and script/style contents are accounted for).
std::size_t nesting_depth(std::string_view html);

/// visible_text of a whole HTML document or fragment (feed descriptions); markup nested deeper than
/// kMaxHtmlDepth is reduced to its character data without parsing.
std::string html_to_text(std::string_view html);

/// The value of attribute `name` of an element, or "" when absent.
std::string_view attribute(const GumboNode& element, const char* name);

}  // namespace veille
