// text_reader.cpp — plain text and Markdown: metadata from front matter or header lines, then title and body.
#include "indexer/readers/format_readers.hpp"

#include "common/extract/date_parser.hpp"
#include "common/text/ascii.hpp"
#include "common/text/utf8.hpp"

#include <algorithm>
#include <vector>

namespace veille {
namespace {

// A letter or digit of any script: UTF-8 bytes count, so that « é_t » keeps its underscore.
bool is_word_byte(char c) { return is_ascii_alnum(c) || (static_cast<unsigned char>(c) & 0x80); }

// What the top of the file says about the article.
struct Meta {
    std::string title, date, source, url, lang;
    std::size_t date_line = 0;
    std::vector<std::string> companies, topics;
};

// Header keys, French spellings included; anything else ends the header block.
std::string* meta_field(Meta& m, const std::string& key) {
    if (key == "title" || key == "titre") return &m.title;
    if (key == "date") return &m.date;
    if (key == "source") return &m.source;
    if (key == "url" || key == "link" || key == "lien") return &m.url;
    if (key == "lang" || key == "langue") return &m.lang;
    return nullptr;
}

std::string unquote(std::string_view v) {
    v = trim(v);
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
    return std::string(v);
}

// « [OpenAI, Meta] » → {OpenAI, Meta}: the YAML flow sequence, enough for hand-written front matter.
void add_list(std::string_view v, std::vector<std::string>& out) {
    v = trim(v);
    if (v.size() >= 2 && v.front() == '[' && v.back() == ']') v = v.substr(1, v.size() - 2);
    while (!v.empty()) {
        const auto comma = v.find(',');
        if (std::string item = unquote(v.substr(0, comma)); !item.empty()) out.push_back(std::move(item));
        v.remove_prefix(comma == std::string_view::npos ? v.size() : comma + 1);
    }
}

// Splits « Key: value »; false when the line is not shaped like a header.
bool split_header(std::string_view line, std::string& key, std::string_view& value) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 20) return false;
    key = lower_ascii(trim(line.substr(0, colon)));
    if (key.find_first_of(" \t") != std::string::npos) return false;
    value = line.substr(colon + 1);
    return true;
}

// YAML front matter between « --- » lines (Jekyll, Hugo); returns the index of the first body line,
// or 0 when there is none (an unclosed « --- » is a Markdown rule, not front matter).
std::size_t front_matter(const std::vector<std::string_view>& lines, Meta& m) {
    if (lines.empty() || trim(lines[0]) != "---") return 0;
    const auto close = std::find_if(lines.begin() + 1, lines.end(),
                                    [](std::string_view l) { return trim(l) == "---" || trim(l) == "..."; });
    if (close == lines.end()) return 0;
    std::vector<std::string>* list = nullptr;  // the block sequence being read (« - OpenAI » lines)
    for (auto it = lines.begin() + 1; it != close; ++it) {
        const std::string_view line = trim(*it);
        if (list && line.starts_with("- ")) {
            add_list(line.substr(2), *list);
            continue;
        }
        list = nullptr;
        std::string key;
        std::string_view value;
        if (!split_header(*it, key, value)) continue;
        if (key == "companies" || key == "topics") {
            list = key == "companies" ? &m.companies : &m.topics;
            add_list(value, *list);
        } else if (std::string* field = meta_field(m, key)) {
            *field = unquote(value);
            if (key == "date") m.date_line = static_cast<std::size_t>(it - lines.begin()) + 1;
        }
    }
    return static_cast<std::size_t>(close - lines.begin()) + 1;
}

// « Date: », « Source: », « URL: », « Title: » lines at the very top (after blank lines).
std::size_t header_lines(const std::vector<std::string_view>& lines, Meta& m) {
    std::size_t i = 0;
    while (i < lines.size() && trim(lines[i]).empty()) ++i;
    const std::size_t start = i;
    for (; i < lines.size(); ++i) {
        std::string key;
        std::string_view value;
        std::string* field = split_header(lines[i], key, value) ? meta_field(m, key) : nullptr;
        if (!field) break;
        *field = unquote(value);
        if (key == "date") m.date_line = i + 1;
    }
    return i == start ? 0 : i;
}

// Inline Markdown to text: links and images keep their text, emphasis and code marks go.
std::string strip_inline(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') continue;  // image: keep the alt text
        if (c == '[') {
            const auto close = s.find(']', i);
            if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == '(') {
                const auto paren = s.find(')', close);
                if (paren != std::string_view::npos) {
                    out += strip_inline(s.substr(i + 1, close - i - 1));
                    i = paren;
                    continue;
                }
            }
        }
        if (c == '*' || c == '`' || (c == '~' && i + 1 < s.size() && s[i + 1] == '~')) {
            if (c == '~') ++i;
            continue;
        }
        // « snake_case » keeps its underscore; « _important_ » loses its marks.
        if (c == '_' && !(i > 0 && is_word_byte(s[i - 1]) && i + 1 < s.size() && is_word_byte(s[i + 1]))) continue;
        out += c;
    }
    return out;
}

bool only_chars(std::string_view s, std::string_view set, std::size_t min) {
    s = trim(s);
    return s.size() >= min && s.find_first_not_of(std::string(set) + " ") == std::string_view::npos;
}

// One body line without its block markup; nullopt when the whole line is markup (fences, rules).
std::optional<std::string> strip_block(std::string_view line) {
    std::string_view t = trim(line);
    if (t.starts_with("```") || t.starts_with("~~~") || only_chars(t, "=", 2) || only_chars(t, "-", 3) ||
        only_chars(t, "*", 3) || only_chars(t, "_", 3))
        return std::nullopt;
    if (t.starts_with("[") && t.find("]: ") != std::string_view::npos && t.find("](") == std::string_view::npos)
        return std::nullopt;  // reference link definition
    while (t.starts_with(">")) t = trim(t.substr(1));
    if (t.starts_with("#")) {
        const auto text = t.find_first_not_of('#');
        t = text == std::string_view::npos ? std::string_view() : trim(t.substr(text));
        while (t.ends_with("#")) t = trim(t.substr(0, t.size() - 1));
    }
    if (t.size() > 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') t = trim(t.substr(2));
    return strip_inline(t);
}

constexpr std::size_t kMaxTitleBytes = 200;

// The first words of a paragraph, cut on a space before 100 bytes: « Une ligne interminable… ».
std::string opening_words(std::string_view text) {
    if (text.size() <= 100) return std::string(text);
    const auto space = text.rfind(' ', 100);
    if (space == std::string_view::npos || space < 20) return shorten(text, 100);
    return std::string(text.substr(0, space)) + "…";
}

// « # Titre » → « Titre »; nullopt when the line is not an ATX heading.
std::optional<std::string_view> heading(std::string_view line) {
    const std::string_view t = trim(line);
    const auto hashes = t.find_first_not_of('#');
    if (hashes == 0 || hashes > 6 || hashes == std::string_view::npos || t[hashes] != ' ') return std::nullopt;
    std::string_view text = trim(t.substr(hashes));
    while (text.ends_with("#")) text = trim(text.substr(0, text.size() - 1));
    return text;
}

}  // namespace

void read_text(std::string_view content, const std::string& name, const RecordSink& sink) {
    if (const auto bad = invalid_utf8_offset(content)) {
        sink(Rejected{name, line_at(content, *bad),
                      "invalid UTF-8 at byte offset " + std::to_string(*bad) + "; convert the file to UTF-8"});
        return;
    }
    std::vector<std::string_view> lines;
    for (std::string_view rest = content; !rest.empty();) {
        const auto eol = rest.find('\n');
        std::string_view line = rest.substr(0, eol);
        if (line.ends_with('\r')) line.remove_suffix(1);
        lines.push_back(line);
        rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
    }
    if (std::all_of(lines.begin(), lines.end(), [](std::string_view l) { return trim(l).empty(); })) {
        sink(Rejected{name, 0, "empty file"});
        return;
    }

    Meta meta;
    std::size_t i = front_matter(lines, meta);
    if (i == 0) i = header_lines(lines, meta);
    Article a;
    a.id = name;
    a.source = trim(meta.source);
    a.url = trim(meta.url);
    a.lang = trim(meta.lang);
    a.companies = std::move(meta.companies);
    a.topics = std::move(meta.topics);
    if (!trim(meta.date).empty()) {
        a.date = parse_metadata_date(meta.date);
        if (!a.date) {
            sink(Rejected{name, meta.date_line, "unparsable date \"" + shorten(trim(meta.date), 80) + "\""});
            return;
        }
        a.date_origin = DateOrigin::Metadata;
    }

    // Title: the metadata one, else the first non-empty line (a « # » heading or plain text). A first
    // line too long to be a title is a paragraph: it stays in the body and lends its opening words.
    while (i < lines.size() && trim(lines[i]).empty()) ++i;
    a.title = strip_inline(trim(meta.title));
    bool plain_title = false;
    if (i < lines.size()) {
        const auto h = heading(lines[i]);
        if (a.title.empty() && !h && trim(lines[i]).size() > kMaxTitleBytes) {
            a.title = opening_words(strip_inline(trim(lines[i])));
        } else if (a.title.empty() || (h && strip_inline(*h) == a.title)) {
            plain_title = a.title.empty() && !h;
            if (a.title.empty()) a.title = strip_inline(h ? *h : trim(lines[i]));
            ++i;
            if (i < lines.size() && (only_chars(lines[i], "=", 2) || only_chars(lines[i], "-", 2))) ++i;
        }
    }

    bool blank_pending = false;
    for (; i < lines.size(); ++i) {
        const auto text = strip_block(lines[i]);
        if (!text) continue;
        if (trim(*text).empty()) {
            blank_pending = !a.body.empty();
            continue;
        }
        if (!a.body.empty()) a.body += blank_pending ? "\n\n" : "\n";
        a.body += trim(*text);
        blank_pending = false;
    }
    if (a.body.empty() && plain_title) a.body = a.title;  // a one-line note is its own text
    if (a.body.empty()) {
        sink(Rejected{name, 0, "no text after the title"});
        return;
    }
    sink(std::move(a));
}

}  // namespace veille
