// judgments.cpp — topics and qrels parsing with file:line errors, and coverage warnings.
#include "searcher/eval/judgments.hpp"

#include "common/error.hpp"
#include "common/text/ascii.hpp"
#include "common/text/utf8.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace veille {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, std::string("cannot open: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw InputError(path, 0, std::string("cannot read: ") + std::strerror(errno));
    return buffer.str();
}

// Splits into lines, dropping a UTF-8 byte-order mark and the '\r' of CRLF files (spreadsheets
// and Windows editors write both, and neither should make a line "malformed").
std::vector<std::string_view> split_lines(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

bool skippable(std::string_view line) {
    const auto t = trim(line);
    return t.empty() || t.front() == '#';
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (to_lower_ascii(s[i]) != prefix[i]) return false;
    return true;
}

void add_topic(std::vector<Topic>& topics, std::map<std::string, std::size_t>& seen, Topic topic,
               const std::string& name) {
    const auto [it, fresh] = seen.emplace(topic.id, topic.line);
    if (!fresh)
        throw InputError(name, topic.line,
                         "topic " + in_quotes(topic.id) + " given twice (first at line " +
                             std::to_string(it->second) + ")");
    topics.push_back(std::move(topic));
}

std::vector<Topic> parse_tsv_topics(const std::vector<std::string_view>& lines, const std::string& name) {
    std::vector<Topic> topics;
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto line = lines[i];
        const std::size_t number = i + 1;
        if (skippable(line)) continue;
        const auto tab = line.find('\t');
        if (tab == std::string_view::npos)
            throw InputError(name, number, "expected 'qid<TAB>query', found no tab");
        const auto id = trim(line.substr(0, tab));
        const auto query = trim(line.substr(tab + 1));
        if (id.empty()) throw InputError(name, number, "empty topic id before the tab");
        if (query.empty()) throw InputError(name, number, "empty query for topic " + in_quotes(id));
        add_topic(topics, seen, Topic{std::string(id), std::string(query), number}, name);
    }
    return topics;
}

// TREC topic files (`<top> <num> Number: 301 <title> … <desc> … </top>`) are SGML-ish: tags may
// share a line or stand alone, closing tags are optional except </top>, and <title> may wrap.
// So we scan tags, not lines, and keep text between tags in the field last opened.
class TrecTopicParser {
public:
    explicit TrecTopicParser(std::string name) : name_(std::move(name)) {}

    std::vector<Topic> parse(std::string_view text) {
        std::size_t line = 1;
        std::size_t pos = 0;
        while (pos < text.size()) {
            const auto lt = text.find('<', pos);
            const auto chunk = text.substr(pos, lt == std::string_view::npos ? lt : lt - pos);
            on_text(chunk, line);
            for (char c : chunk) line += c == '\n';
            if (lt == std::string_view::npos) break;
            const auto gt = text.find('>', lt);
            const auto tag = gt == std::string_view::npos ? std::string_view() : text.substr(lt + 1, gt - lt - 1);
            if (!is_tag(tag)) {  // a '<' in prose ("< 5 ms") is text
                on_text("<", line);
                pos = lt + 1;
                continue;
            }
            on_tag(tag, line);
            pos = gt + 1;
        }
        if (in_top_) throw InputError(name_, top_line_, "<top> is never closed by </top>");
        return std::move(topics_);
    }

private:
    static bool is_tag(std::string_view tag) {
        if (!tag.empty() && tag.front() == '/') tag.remove_prefix(1);
        if (tag.empty() || tag.size() > 32) return false;
        for (char c : tag)
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
                return false;
        return true;
    }

    void on_text(std::string_view chunk, std::size_t line) {
        if (!in_top_) {
            for (char c : chunk) {
                if (c == '\n') ++line;
                if (!is_space(c)) throw InputError(name_, line, "text outside <top> … </top>");
            }
            return;
        }
        if (field_ == "num") num_ += chunk;
        if (field_ == "title") title_ += chunk;
    }

    void on_tag(std::string_view tag, std::size_t line) {
        const auto lower = lower_ascii(tag);
        if (lower == "top") {
            if (in_top_) throw InputError(name_, line, "<top> inside another <top> (missing </top>?)");
            in_top_ = true;
            top_line_ = line;
            num_.clear();
            title_.clear();
            field_.clear();
        } else if (lower == "/top") {
            if (!in_top_) throw InputError(name_, line, "</top> without <top>");
            finish();
        } else if (!in_top_) {
            throw InputError(name_, line, "<" + std::string(tag) + "> outside <top> … </top>");
        } else {
            field_ = lower.front() == '/' ? std::string() : lower;
        }
    }

    static std::string collapse(std::string_view s, std::string_view label) {
        s = trim(s);
        // Old TREC topics write "<num> Number: 301" and "<title> Topic: …".
        if (starts_with_nocase(s, label)) s = s.substr(label.size());
        return collapse_whitespace(s);
    }

    void finish() {
        in_top_ = false;
        const auto id = collapse(num_, "number:");
        const auto query = collapse(title_, "topic:");
        if (id.empty()) throw InputError(name_, top_line_, "topic without a <num>");
        if (id.find(' ') != std::string::npos)
            throw InputError(name_, top_line_, "topic number " + in_quotes(id) + " contains a space");
        if (query.empty()) throw InputError(name_, top_line_, "topic " + in_quotes(id) + " has no <title>");
        add_topic(topics_, seen_, Topic{id, query, top_line_}, name_);
    }

    std::string name_;
    std::vector<Topic> topics_;
    std::map<std::string, std::size_t> seen_;
    bool in_top_ = false;
    std::size_t top_line_ = 0;
    std::string field_, num_, title_;
};

}  // namespace

std::vector<Topic> parse_topics(std::string_view text, const std::string& name) {
    const auto lines = split_lines(text);
    for (const auto line : lines) {
        if (skippable(line)) continue;
        if (trim(line).front() == '<') {
            if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
            return TrecTopicParser(name).parse(text);
        }
        break;
    }
    return parse_tsv_topics(lines, name);
}

std::vector<Topic> read_topics(const std::string& path) { return parse_topics(read_file(path), path); }

Qrels parse_qrels(std::string_view text, const std::string& name) {
    Qrels qrels;
    std::map<std::pair<std::string, std::string>, std::size_t> first_line;
    const auto lines = split_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::size_t number = i + 1;
        if (skippable(lines[i])) continue;
        std::vector<std::string_view> fields;
        auto rest = trim(lines[i]);
        while (!rest.empty()) {
            std::size_t end = 0;
            while (end < rest.size() && !is_space(rest[end])) ++end;
            fields.push_back(rest.substr(0, end));
            rest = trim(rest.substr(end));
        }
        if (fields.size() != 4)
            throw InputError(name, number,
                             "expected 4 fields 'qid iter docid rel', found " + std::to_string(fields.size()));
        int rel = 0;
        const auto grade = fields[3];
        const auto [end, ec] = std::from_chars(grade.data(), grade.data() + grade.size(), rel);
        if (ec != std::errc() || end != grade.data() + grade.size())
            throw InputError(name, number, "relevance " + in_quotes(grade) + " is not an integer");
        const std::string qid(fields[0]), docid(fields[2]);
        const auto [it, fresh] = first_line.emplace(std::make_pair(qid, docid), number);
        // trec_eval refuses duplicate judgments ("duplicate docs"); say where the first one is.
        if (!fresh)
            throw InputError(name, number,
                             "document " + in_quotes(docid) + " judged twice for topic " + in_quotes(qid) +
                                 " (first at line " + std::to_string(it->second) + ")");
        qrels[qid][docid] = rel;
    }
    return qrels;
}

Qrels read_qrels(const std::string& path) { return parse_qrels(read_file(path), path); }

std::vector<std::string> coverage_warnings(const std::vector<Topic>& topics, const Qrels& qrels) {
    std::vector<std::string> warnings;
    std::set<std::string> ids;
    for (const auto& topic : topics) {
        ids.insert(topic.id);
        const auto judged = qrels.find(topic.id);
        if (judged == qrels.end()) {
            warnings.push_back("topic " + in_quotes(topic.id) + " has no judgments; it is left out of the means");
            continue;
        }
        bool relevant = false;
        for (const auto& [doc, rel] : judged->second) relevant = relevant || rel > 0;
        if (!relevant)
            warnings.push_back("topic " + in_quotes(topic.id) +
                               " has no relevant judgment; it scores 0 on every metric");
    }
    for (const auto& [qid, judged] : qrels)
        if (!ids.count(qid))
            warnings.push_back(std::to_string(judged.size()) + " judgment(s) for topic " + in_quotes(qid) +
                               ", which is not in the topics; ignored");
    return warnings;
}

}  // namespace veille
