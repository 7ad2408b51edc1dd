// article.cpp — Article ⇄ document data: a length-prefixed binary record (search reads ten of them
// per page and the indexer writes one per article; as JSON they cost 10–15% of a query's time and
// two serialisations per indexed article) in a value slot, the body beside it as an LZ4 block in another.
// Databases written before hold the record in the document data, or the whole article there (JSON, or
// the record); both still read.
#include "common/article.hpp"

#include <optional>

#include <lz4.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/error.hpp"
#include "common/schema.hpp"

namespace veille {

namespace {

// Record layout: kRecordMark, then id, title, body, source, url, lang, ISO date ("" when none),
// date origin, companies, topics, topic scores (Xapian::sortable_serialise). Strings are a varint
// length and bytes; lists a varint count and their items.
constexpr char kRecordMark = '\x02';  // JSON data starts with '{'

void put_size(std::string& out, std::size_t n) {
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7F) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

void put(std::string& out, std::string_view s) {
    put_size(out, s.size());
    out += s;
}

void put(std::string& out, const std::vector<std::string>& items) {
    put_size(out, items.size());
    for (const std::string& s : items) put(out, s);
}

// The varint at data[at], `at` moved past it; nullopt when it is cut or longer than 64 bits.
std::optional<std::size_t> get_size(std::string_view data, std::size_t& at) {
    std::size_t n = 0;
    for (unsigned shift = 0; shift <= 56; shift += 7) {
        if (at >= data.size()) return std::nullopt;
        const auto byte = static_cast<unsigned char>(data[at++]);
        n |= static_cast<std::size_t>(byte & 0x7F) << shift;
        if (byte < 0x80) return n;
    }
    return std::nullopt;
}

/// Reads a record; every read is bounds-checked, a short or overlong record throws.
class RecordReader {
public:
    explicit RecordReader(std::string_view data) : data_(data) {}

    std::size_t size() {
        const auto n = get_size(data_, at_);
        if (!n) fail();
        return *n;
    }
    std::string string() {
        const std::size_t n = size();
        if (n > data_.size() - at_) fail();
        std::string s(data_.substr(at_, n));
        at_ += n;
        return s;
    }
    std::vector<std::string> strings() {
        const std::size_t n = size();
        if (n > data_.size() - at_) fail();  // every item takes at least one byte
        std::vector<std::string> out;
        out.reserve(n);
        for (std::size_t i = 0; i < n; ++i) out.push_back(string());
        return out;
    }
    void finish() const {
        if (at_ != data_.size()) fail();
    }

private:
    [[noreturn]] void fail() const {
        throw Error("corrupt document data: record cut or overlong at byte " + std::to_string(at_));
    }
    std::string_view data_;
    std::size_t at_ = 1;  // after kRecordMark
};

Article from_json_data(const std::string& data) {
    try {
        const auto j = nlohmann::json::parse(data);
        Article a;
        a.id = j.value("id", "");
        a.title = j.value("title", "");
        a.body = j.value("body", "");
        a.source = j.value("source", "");
        a.url = j.value("url", "");
        a.lang = j.value("lang", "");
        if (j.contains("date")) a.date = parse_iso_date(j["date"].get<std::string>());
        a.date_origin = parse_date_origin(j.value("date_origin", "none"));
        if (j.contains("companies")) a.companies = j["companies"].get<std::vector<std::string>>();
        if (j.contains("topics")) a.topics = j["topics"].get<std::vector<std::string>>();
        if (j.contains("topic_scores")) a.topic_scores = j["topic_scores"].get<std::vector<double>>();
        return a;
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("corrupt document data: ") + e.what());
    }
}

std::string record_of(const Article& a, bool with_body) {
    std::string out;
    out.reserve(a.body.size() + a.title.size() + a.id.size() + a.url.size() + 128);
    out += kRecordMark;
    static const std::string kNoBody;
    for (const std::string* s : {&a.id, &a.title, with_body ? &a.body : &kNoBody, &a.source, &a.url, &a.lang})
        put(out, *s);
    put(out, a.date ? a.date->iso() : std::string());
    put(out, to_string(a.date_origin));
    put(out, a.companies);
    put(out, a.topics);
    put_size(out, a.topic_scores.size());
    for (double score : a.topic_scores) put(out, Xapian::sortable_serialise(score));
    return out;
}

}  // namespace

std::string to_document_data(const Article& a) { return record_of(a, true); }

std::string pack_body(std::string_view body) {
    if (body.size() > static_cast<std::size_t>(LZ4_MAX_INPUT_SIZE)) throw Error("article body too large to store");
    // The raw size first (decompression needs it), then one LZ4 block.
    std::string out;
    put_size(out, body.size());
    const std::size_t header = out.size();
    const int bound = LZ4_compressBound(static_cast<int>(body.size()));
    out.resize(header + static_cast<std::size_t>(bound));
    const int n = LZ4_compress_default(body.data(), out.data() + header, static_cast<int>(body.size()), bound);
    if (n <= 0) throw Error("cannot compress an article body");
    out.resize(header + static_cast<std::size_t>(n));
    return out;
}

std::string unpack_body(std::string_view packed) {
    std::size_t at = 0;
    const auto claimed = get_size(packed, at);
    if (!claimed) throw Error("corrupt stored body: bad length");
    const std::size_t size = *claimed;
    const std::string_view block = packed.substr(at);
    // LZ4 expands 255 times at most: a larger claim is damage, not an allocation to make.
    if (size > static_cast<std::size_t>(LZ4_MAX_INPUT_SIZE) || size > block.size() * 255 + 16)
        throw Error("corrupt stored body: impossible length " + std::to_string(size));
    std::string out(size, '\0');
    const int n = LZ4_decompress_safe(block.data(), out.data(), static_cast<int>(block.size()), static_cast<int>(size));
    if (n < 0 || static_cast<std::size_t>(n) != size) throw Error("corrupt stored body: does not decompress");
    return out;
}

void store_article(Xapian::Document& doc, const Article& a) {
    doc.add_value(slot::kRecord, record_of(a, false));
    if (!a.body.empty()) doc.add_value(slot::kBody, pack_body(a.body));
}

Article stored_article(const Xapian::Document& doc) {
    const std::string record = doc.get_value(slot::kRecord);
    Article a = from_document_data(record.empty() ? doc.get_data() : record);
    if (a.body.empty())
        if (const std::string packed = doc.get_value(slot::kBody); !packed.empty()) a.body = unpack_body(packed);
    return a;
}

Article from_document_data(const std::string& data) {
    if (data.empty() || data.front() != kRecordMark) return from_json_data(data);
    RecordReader in(data);
    Article a;
    for (std::string* s : {&a.id, &a.title, &a.body, &a.source, &a.url, &a.lang}) *s = in.string();
    if (const std::string date = in.string(); !date.empty()) {
        a.date = parse_iso_date(date);
        if (!a.date) throw Error("corrupt document data: bad date '" + date + "'");
    }
    a.date_origin = parse_date_origin(in.string());
    a.companies = in.strings();
    a.topics = in.strings();
    for (const std::string& score : in.strings()) a.topic_scores.push_back(Xapian::sortable_unserialise(score));
    in.finish();
    return a;
}

}  // namespace veille
