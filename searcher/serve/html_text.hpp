// html_text.hpp — escaping article text into HTML and building the page's links (one place for both).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace veille {

/// Text made safe for an HTML element or a quoted attribute: & < > " ' escaped.
/// « <script>alert(1)</script> » → « &lt;script&gt;alert(1)&lt;/script&gt; ».
std::string escape_html(std::string_view text);

/// True for an absolute http:// or https:// URL (any case), the only ones the page links to:
/// « javascript:alert(1) », « data:… », « //hote » and relative paths are shown as text.
bool is_web_url(std::string_view url);

/// Percent-encodes a query-string component (RFC 3986 unreserved characters kept): « l’IA » → « l%E2%80%99IA ».
std::string encode_query_component(std::string_view text);

/// "?k=v&k=v" from ordered pairs (values encoded); "" when `params` is empty.
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace veille
