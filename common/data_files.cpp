// data_files.cpp — lookup of the embedded data and parsing of the shared list formats.
#include "common/data_files.hpp"

#include <fstream>
#include <sstream>

#include "common/error.hpp"
#include "common/text/ascii.hpp"

namespace veille::data {
std::string_view companies();
std::string_view products();
std::string_view topics();
std::string_view stopwords();
std::string_view elisions();
std::string_view synonyms();
}  // namespace veille::data

namespace veille {

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const std::size_t stop = std::min(s.find(sep, start), s.size());
        const auto piece = trim(s.substr(start, stop - start));
        if (!piece.empty()) out.emplace_back(piece);
        start = stop + 1;
    }
    return out;
}

template <typename F>
void for_each_line(std::string_view text, F&& f) {
    std::size_t line_no = 0, start = 0;
    while (start < text.size()) {
        const std::size_t stop = std::min(text.find('\n', start), text.size());
        ++line_no;
        auto line = text.substr(start, stop - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!trim(line).empty() && trim(line).front() != '#') f(line, line_no);
        start = stop + 1;
    }
}

}  // namespace

std::string_view embedded_data(std::string_view name) {
    if (name == "companies.tsv") return data::companies();
    if (name == "products.txt") return data::products();
    if (name == "topics.tsv") return data::topics();
    if (name == "stopwords.txt") return data::stopwords();
    if (name == "elisions.txt") return data::elisions();
    if (name == "synonyms.tsv") return data::synonyms();
    throw UsageError("unknown data file '" + std::string(name) +
                     "' (known: companies.tsv, products.txt, topics.tsv, stopwords.txt, elisions.txt, synonyms.tsv)");
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot open file");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw InputError(path, 0, "read error");
    return std::move(ss).str();
}

std::vector<CompanyEntry> parse_companies(std::string_view text, const std::string& origin) {
    std::vector<CompanyEntry> out;
    for_each_line(text, [&](std::string_view line, std::size_t line_no) {
        std::vector<std::string_view> cols;
        std::size_t start = 0;
        while (true) {
            const std::size_t tab = line.find('\t', start);
            cols.push_back(line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
            if (tab == std::string_view::npos) break;
            start = tab + 1;
        }
        if (cols.size() < 1 || trim(cols[0]).empty())
            throw InputError(origin, line_no, "expected canonical<TAB>aliases<TAB>ambiguous<TAB>context");
        CompanyEntry e;
        e.canonical = std::string(trim(cols[0]));
        if (cols.size() > 1) e.aliases = split(cols[1], '|');
        if (cols.size() > 2) {
            const auto flag = trim(cols[2]);
            if (flag != "0" && flag != "1" && !flag.empty())
                throw InputError(origin, line_no, "ambiguous column must be 0 or 1, got '" + std::string(flag) + "'");
            e.ambiguous = flag == "1";
        }
        if (cols.size() > 3) e.context = split(cols[3], '|');
        out.push_back(std::move(e));
    });
    return out;
}

std::vector<std::string> parse_lines(std::string_view text) {
    std::vector<std::string> out;
    for_each_line(text, [&](std::string_view line, std::size_t) { out.emplace_back(trim(line)); });
    return out;
}

}  // namespace veille
