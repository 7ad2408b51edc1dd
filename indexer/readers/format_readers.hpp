// format_readers.hpp — the per-format readers behind read_buffer, and the byte checks they share.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/text/utf8.hpp"
#include "indexer/readers/reader.hpp"

namespace veille {

// Each reader gets the whole content, already stripped of a UTF-8 BOM and checked not to be UTF-16
// or binary; `name` is the file name for ids and Rejected.file. None of them throws for bad content.

/// JSON Lines: one article object per line; bad lines become Rejected with their line number.
void read_jsonl(std::string_view content, const std::string& name, const RecordSink& sink);

/// JSON Lines given one line at a time, for a file streamed rather than held whole: counts lines,
/// skips blank ones, rejects an empty export at finish().
class JsonlLines {
public:
    JsonlLines(const std::string& name, const RecordSink& sink) : name_(name), sink_(sink) {}
    /// One line without its '\n'; false when the sink asked to stop.
    bool take(std::string_view line);
    void finish() const;

private:
    const std::string& name_;
    const RecordSink& sink_;
    std::size_t line_no_ = 0;
    bool any_ = false;
};
/// Plain text or Markdown: one article, metadata from YAML front matter or « Date: » header lines.
void read_text(std::string_view content, const std::string& name, const RecordSink& sink);
/// One HTML page: one article, or Rejected when the page has no body text.
void read_html(std::string_view content, const std::string& name, const RecordSink& sink);
/// RSS 2.0 / RSS 1.0 / Atom: one article per item or entry; malformed XML is one Rejected.
void read_feed(std::string_view content, const std::string& name, const RecordSink& sink);

/// 1-based line number of byte `offset` of `content`.
std::size_t line_at(std::string_view content, std::size_t offset);

}  // namespace veille
