// format.cpp — format names and detection, encoding checks, and the read_file / read_buffer dispatch.
#include "indexer/readers/reader.hpp"

#include "common/error.hpp"
#include "common/text/utf8.hpp"
#include "indexer/readers/format_readers.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace veille {
namespace {

struct FormatName {
    std::string_view name;
    Format format;
};

// The canonical names first (they are the ones listed in errors), then accepted aliases.
constexpr FormatName kFormatNames[] = {
    {"auto", Format::Auto}, {"jsonl", Format::Jsonl}, {"text", Format::Text},     {"html", Format::Html},
    {"feed", Format::Feed}, {"json", Format::Jsonl},  {"ndjson", Format::Jsonl},  {"txt", Format::Text},
    {"md", Format::Text},   {"markdown", Format::Text}, {"rss", Format::Feed},    {"atom", Format::Feed}};

constexpr FormatName kExtensions[] = {
    {".jsonl", Format::Jsonl}, {".ndjson", Format::Jsonl}, {".json", Format::Jsonl},    {".txt", Format::Text},
    {".md", Format::Text},     {".markdown", Format::Text}, {".html", Format::Html},    {".htm", Format::Html},
    {".xhtml", Format::Html},  {".rss", Format::Feed},      {".atom", Format::Feed},    {".xml", Format::Feed}};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool starts_with_bytes(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// git's heuristic: a NUL byte in the first 8000 bytes means binary.
constexpr std::size_t kBinaryProbe = 8000;

// Why the content cannot be read as UTF-8 text at all, or "" when it can be tried. UTF-16 gets its own
// message because Windows tools produce it and the fix (iconv) is easy; without a BOM it shows as
// NULs at every other byte of ASCII text.
std::string encoding_problem(std::string_view content, Format format) {
    using namespace std::string_view_literals;  // the BOMs contain NUL bytes
    if (starts_with_bytes(content, "\xFF\xFE\x00\x00"sv) || starts_with_bytes(content, "\x00\x00\xFE\xFF"sv))
        return "UTF-32 input is not supported; convert to UTF-8";
    if (starts_with_bytes(content, "\xFF\xFE") || starts_with_bytes(content, "\xFE\xFF"))
        return "UTF-16 input is not supported; convert to UTF-8";
    const std::string_view probe = content.substr(0, kBinaryProbe);
    std::size_t nul = probe.find('\0');
    if (nul != std::string_view::npos && content.size() >= 4 &&
        ((content[1] == '\0' && content[3] == '\0' && content[0] != '\0') ||
         (content[0] == '\0' && content[2] == '\0' && content[1] != '\0')))
        return "UTF-16 input is not supported; convert to UTF-8";
    // In a file that starts like JSON a NUL only spoils its own line, which read_jsonl rejects alone;
    // anything else holding a NUL is not text.
    const auto first = content.find_first_not_of(" \t\r\n");
    const bool json_like = first != std::string_view::npos && (content[first] == '{' || content[first] == '[');
    if (format == Format::Jsonl && json_like) nul = std::string_view::npos;
    if (format != Format::Jsonl && nul == std::string_view::npos) nul = content.find('\0');
    if (nul == std::string_view::npos) return {};
    return "binary content (NUL byte at byte offset " + std::to_string(nul) + "); expected UTF-8 text";
}

constexpr std::size_t kReadBlock = 1u << 20;

// Appends from `fd` until `content` holds `want` bytes or the input ends; true at the end.
// POSIX I/O rather than ifstream so that the error says why (EACCES, EISDIR, EIO…).
bool read_more(int fd, const std::string& name, std::string& content, std::size_t want) {
    char buf[1 << 16];
    while (content.size() < want) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0) return true;
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InputError(name, 0, std::string("read error: ") + std::strerror(errno));
        }
        content.append(buf, static_cast<std::size_t>(n));
    }
    return false;
}

// Starts like JSON Lines (an object, not an array): can be read a line at a time.
bool streamable_jsonl(std::string_view head) {
    if (starts_with_bytes(head, kUtf8Bom)) head.remove_prefix(kUtf8Bom.size());
    const auto first = head.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && head[first] == '{';
}

// JSON Lines are read as they arrive, so memory does not grow with the file (a 400 MB export held
// whole was most of the indexer's peak RSS); other formats need the whole document at once.
void read_fd(int fd, const std::string& name, Format format, const RecordSink& sink) {
    std::string content;
    bool end = read_more(fd, name, content, kReadBlock);
    if (format == Format::Auto) format = detect_format(name, std::string_view(content).substr(0, 1024));
    if (format != Format::Jsonl || !streamable_jsonl(content) || !encoding_problem(content, format).empty()) {
        if (!end) read_more(fd, name, content, std::string::npos);
        read_buffer(content, name, format, sink);
        return;
    }
    JsonlLines lines(name, sink);
    std::size_t at = starts_with_bytes(content, kUtf8Bom) ? kUtf8Bom.size() : 0;
    for (;;) {
        for (auto eol = content.find('\n', at); eol != std::string::npos; eol = content.find('\n', at)) {
            if (!lines.take(std::string_view(content).substr(at, eol - at))) return;
            at = eol + 1;
        }
        if (end) break;
        content.erase(0, at);
        at = 0;
        end = read_more(fd, name, content, content.size() + kReadBlock);
    }
    if (at < content.size() && !lines.take(std::string_view(content).substr(at))) return;
    lines.finish();
}

}  // namespace

Format parse_format(std::string_view name) {
    const std::string key = lower(name);
    for (const FormatName& f : kFormatNames)
        if (f.name == key) return f.format;
    throw UsageError("unknown format \"" + std::string(name) + "\"; valid formats are auto, jsonl, text, html, feed");
}

Format detect_format(const std::string& path, std::string_view head) {
    const std::string lowered = lower(path);
    for (const FormatName& e : kExtensions)
        if (lowered.size() > e.name.size() && lowered.ends_with(e.name)) return e.format;
    if (starts_with_bytes(head, kUtf8Bom)) head.remove_prefix(kUtf8Bom.size());
    while (!head.empty() && (head[0] == ' ' || head[0] == '\t' || head[0] == '\r' || head[0] == '\n')) head.remove_prefix(1);
    if (starts_with_bytes(head, "{")) return Format::Jsonl;
    const std::string h = lower(head.substr(0, 1024));
    const bool feed = h.find("<rss") != std::string::npos || h.find("<feed") != std::string::npos ||
                      h.find("<rdf:rdf") != std::string::npos;
    const bool html = h.find("<!doctype html") != std::string::npos || h.find("<html") != std::string::npos;
    if (starts_with_bytes(h, "<?xml")) return feed && !html ? Format::Feed : html ? Format::Html : Format::Text;
    if (starts_with_bytes(h, "<rss") || starts_with_bytes(h, "<feed")) return Format::Feed;
    if (html && starts_with_bytes(h, "<")) return Format::Html;
    return Format::Text;
}

void read_buffer(std::string_view content, const std::string& name, Format format, const RecordSink& sink) {
    if (format == Format::Auto) format = detect_format(name, content.substr(0, 1024));
    if (std::string problem = encoding_problem(content, format); !problem.empty()) {
        sink(Rejected{name, 0, std::move(problem)});
        return;
    }
    if (starts_with_bytes(content, kUtf8Bom)) content.remove_prefix(kUtf8Bom.size());
    switch (format) {
        case Format::Jsonl: read_jsonl(content, name, sink); return;
        case Format::Text: read_text(content, name, sink); return;
        case Format::Html: read_html(content, name, sink); return;
        case Format::Feed: read_feed(content, name, sink); return;
        case Format::Auto: break;
    }
}

void read_file(const std::string& path, Format format, const RecordSink& sink) {
    if (path == "-") {
        read_fd(STDIN_FILENO, "<stdin>", format == Format::Auto ? Format::Jsonl : format, sink);
        return;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path, 0, std::strerror(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) throw InputError(path, 0, std::strerror(EISDIR));
    read_fd(fd, path, format, sink);
}

std::size_t line_at(std::string_view content, std::size_t offset) {
    offset = std::min(offset, content.size());
    return 1 + static_cast<std::size_t>(std::count(content.begin(), content.begin() + static_cast<long>(offset), '\n'));
}

}  // namespace veille
