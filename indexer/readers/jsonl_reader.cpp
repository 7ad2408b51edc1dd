// jsonl_reader.cpp — JSON Lines (and a JSON array of articles): each bad line is rejected on its own.
#include "indexer/readers/format_readers.hpp"

#include "common/extract/date_parser.hpp"
#include "common/text/utf8.hpp"
#include "indexer/options.hpp"

#include <nlohmann/json.hpp>

namespace veille {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxQuoted = 80;  // bad values are quoted in reasons, cut to this many bytes

std::string quote_value(std::string_view value) { return "\"" + shorten(value, kMaxQuoted) + "\""; }

// Reads typed fields of one object, remembering the first type error. Absent and null fields
// leave their target untouched: producers often write "date": null for "unknown".
class Fields {
public:
    explicit Fields(const json& object) : object_(object) {}

    bool string(const char* key, std::string& out) {
        const json* v = find(key);
        if (!v) return true;
        if (!v->is_string()) return fail(std::string("\"") + key + "\" must be a string");
        out = v->get<std::string>();
        return true;
    }

    bool strings(const char* key, std::vector<std::string>& out) {
        const json* v = find(key);
        if (!v) return true;
        const std::string error = std::string("\"") + key + "\" must be an array of strings";
        if (!v->is_array()) return fail(error);
        for (const json& item : *v) {
            if (!item.is_string()) return fail(error);
            if (!item.get_ref<const std::string&>().empty()) out.push_back(item.get<std::string>());
        }
        return true;
    }

    // Ids are often numbers in exports: 42 → "42".
    bool id(std::string& out) {
        const json* v = find("id");
        if (!v) return true;
        if (v->is_string()) out = v->get<std::string>();
        else if (v->is_number_integer()) out = v->dump();
        else return fail("\"id\" must be a string or an integer");
        return true;
    }

    [[nodiscard]] const std::string& error() const { return error_; }

private:
    const json* find(const char* key) const {
        const auto it = object_.find(key);
        return it == object_.end() || it->is_null() ? nullptr : &*it;
    }
    bool fail(std::string reason) {
        error_ = std::move(reason);
        return false;
    }

    const json& object_;
    std::string error_;
};

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos; }

// Fills `a` from one JSON value; returns the rejection reason, or "" when the article is good.
std::string to_article(const json& value, Article& a) {
    if (!value.is_object()) return std::string("expected a JSON object, not ") + value.type_name();
    if (!value.contains("body")) return "missing \"body\"";
    Fields f(value);
    std::string date;
    if (!f.string("body", a.body) || !f.string("title", a.title) || !f.id(a.id) || !f.string("date", date) ||
        !f.string("source", a.source) || !f.string("url", a.url) || !f.string("lang", a.lang) ||
        !f.strings("companies", a.companies) || !f.strings("topics", a.topics))
        return f.error();
    if (blank(a.body)) return "\"body\" is empty";
    if (!blank(date)) {
        const auto parsed = parse_metadata_date(date);
        if (!parsed) return "unparsable date " + quote_value(date);
        a.date = parsed;
        a.date_origin = DateOrigin::Metadata;
    }
    return {};
}

// nlohmann says "[json.exception.parse_error.101] parse error at line 1, column 15: syntax error while
// parsing object - unexpected end of input; expected '}'"; users need the column and the cause.
std::string summarize(const json::exception& e) {
    std::string_view what = e.what();
    if (const auto bracket = what.find("] "); bracket != std::string_view::npos) what.remove_prefix(bracket + 2);
    std::string where;
    if (const auto column = what.find("column "); column != std::string_view::npos) {
        const auto colon = what.find(": ", column);
        if (colon != std::string_view::npos) {
            where = " at " + std::string(what.substr(column, colon - column));
            what.remove_prefix(colon + 2);
        }
    } else if (const auto colon = what.find(": "); colon != std::string_view::npos && colon < 40) {
        what.remove_prefix(colon + 2);
    }
    return "malformed JSON" + where + ": " + shorten(what, 160);
}

// Checks, parses and converts one line; returns the record to emit.
Record read_line(std::string_view line, const std::string& name, std::size_t line_no) {
    if (const auto nul = line.find('\0'); nul != std::string_view::npos)
        return Rejected{name, line_no, "NUL byte at byte offset " + std::to_string(nul)};
    if (const auto bad = invalid_utf8_offset(line))
        return Rejected{name, line_no, "invalid UTF-8 at byte offset " + std::to_string(*bad)};
    json value;
    try {
        value = json::parse(line.begin(), line.end());
    } catch (const json::exception& e) {
        return Rejected{name, line_no, summarize(e)};
    }
    Article a;
    if (std::string reason = to_article(value, a); !reason.empty()) return Rejected{name, line_no, std::move(reason)};
    if (a.id.empty()) a.id = a.url.empty() ? name + ":" + std::to_string(line_no) : a.url;
    // The pipeline enforces the same limit, but only the reader still knows the line.
    if (const std::size_t size = a.title.size() + a.body.size(); size > kMaxArticleBytes)
        return Rejected{name, line_no, "article '" + shorten(a.id, kMaxQuoted) + "' is too large (" + std::to_string(size) +
                                           " bytes, limit " + std::to_string(kMaxArticleBytes >> 20) + " MiB)"};
    return a;
}

// A .json file holding one array of articles rather than lines; element i is reported as line 0.
void read_array(std::string_view content, const std::string& name, const RecordSink& sink) {
    if (const auto bad = invalid_utf8_offset(content)) {
        sink(Rejected{name, line_at(content, *bad), "invalid UTF-8 at byte offset " + std::to_string(*bad)});
        return;
    }
    json array;
    try {
        array = json::parse(content.begin(), content.end());
    } catch (const json::exception& e) {
        sink(Rejected{name, 0, summarize(e)});
        return;
    }
    for (std::size_t i = 0; i < array.size(); ++i) {
        Article a;
        if (std::string reason = to_article(array[i], a); !reason.empty()) {
            if (!sink(Rejected{name, 0, "element " + std::to_string(i) + ": " + reason})) return;
            continue;
        }
        if (a.id.empty()) a.id = a.url.empty() ? name + "#" + std::to_string(i) : a.url;
        if (!sink(std::move(a))) return;
    }
}

}  // namespace

bool JsonlLines::take(std::string_view line) {
    ++line_no_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (blank(line)) return true;
    any_ = true;
    return sink_(read_line(line, name_, line_no_));
}

// An empty export is worth a line in the summary: it is usually a failed dump, not an intent.
void JsonlLines::finish() const {
    if (!any_) sink_(Rejected{name_, 0, "empty file"});
}

void read_jsonl(std::string_view content, const std::string& name, const RecordSink& sink) {
    const auto first = content.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && content[first] == '[') {
        read_array(content, name, sink);
        return;
    }
    JsonlLines lines(name, sink);
    while (!content.empty()) {
        const auto eol = content.find('\n');
        if (!lines.take(content.substr(0, eol))) return;
        content.remove_prefix(eol == std::string_view::npos ? content.size() : eol + 1);
    }
    lines.finish();
}

}  // namespace veille
