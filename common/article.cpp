// article.cpp — Article ⇄ document data: a length-prefixed binary record (search reads ten of them
// per page and the indexer writes one per article; as JSON they cost 10–15% of a query's time and
// two serialisations per indexed article). Databases written before it hold JSON, still read.
#include "common/article.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/error.hpp"

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

/// Reads a record; every read is bounds-checked, a short or overlong record throws.
class RecordReader {
public:
    explicit RecordReader(std::string_view data) : data_(data) {}

    std::size_t size() {
        std::size_t n = 0;
        for (unsigned shift = 0;; shift += 7) {
            if (at_ >= data_.size() || shift > 56) fail();
            const auto byte = static_cast<unsigned char>(data_[at_++]);
            n |= static_cast<std::size_t>(byte & 0x7F) << shift;
            if (byte < 0x80) return n;
        }
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

}  // namespace

std::string to_document_data(const Article& a) {
    std::string out;
    out.reserve(a.body.size() + a.title.size() + a.id.size() + a.url.size() + 128);
    out += kRecordMark;
    for (const std::string* s : {&a.id, &a.title, &a.body, &a.source, &a.url, &a.lang}) put(out, *s);
    put(out, a.date ? a.date->iso() : std::string());
    put(out, to_string(a.date_origin));
    put(out, a.companies);
    put(out, a.topics);
    put_size(out, a.topic_scores.size());
    for (double score : a.topic_scores) put(out, Xapian::sortable_serialise(score));
    return out;
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
