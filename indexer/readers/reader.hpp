// reader.hpp — input formats: each reader turns one file (or stdin) into Articles and Rejected records.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "common/article.hpp"

namespace veille {

/// A record that could not be turned into an article: reported as "file:line: reason".
struct Rejected {
    std::string file;
    std::size_t line = 0;  ///< 1-based line, or 0 when the format has no lines (offset in reason then)
    std::string reason;
};

/// What a reader yields, in input order.
using Record = std::variant<Article, Rejected>;

/// Input formats; Auto = by extension, then by content sniffing.
enum class Format { Auto, Jsonl, Text, Html, Feed };

/// Parses "auto|jsonl|text|html|feed"; throws UsageError listing the valid names.
Format parse_format(std::string_view name);

/// Receives each record; return false to stop reading early.
using RecordSink = std::function<bool(Record&&)>;

/// Reads `path` ("-" = JSONL on stdin) in `format` and passes every record to `sink`.
/// Never throws for bad content (that becomes Rejected); throws InputError only when the file
/// itself cannot be opened or read.
void read_file(const std::string& path, Format format, const RecordSink& sink);

/// Reads in-memory `content` as if it were the file `name` (used for Auto detection, ids and
/// Rejected.file); read_file and the fuzzers share this one code path. Never throws for bad content.
void read_buffer(std::string_view content, const std::string& name, Format format, const RecordSink& sink);

/// Chooses the format of a file from its extension, else from its first bytes.
Format detect_format(const std::string& path, std::string_view head);

}  // namespace veille
