// data_files.hpp — the compiled-in data files (common/data/*) and the parsers of their formats.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace veille {

/// The compiled-in text of a data file: "companies.tsv", "products.txt", "topics.tsv",
/// "stopwords.txt", "elisions.txt", "synonyms.tsv". Throws UsageError for an unknown name.
std::string_view embedded_data(std::string_view file_name);

/// Reads a whole file into a string; throws InputError naming the path.
std::string read_text_file(const std::string& path);

/// One row of companies.tsv: canonical<TAB>aliases|…<TAB>ambiguous 0/1<TAB>context words|…
struct CompanyEntry {
    std::string canonical;               ///< display name: « Mistral AI »
    std::vector<std::string> aliases;    ///< other names: « Mistral »
    bool ambiguous = false;              ///< common word too (Orange, Apple, Free): needs company context
    std::vector<std::string> context;    ///< words that signal the company nearby (ambiguous names)
};

/// Parses companies.tsv ('#' comments and blank lines skipped); throws InputError{origin, line}.
std::vector<CompanyEntry> parse_companies(std::string_view text, const std::string& origin);

/// Non-comment, non-blank lines of a list file (products.txt, stopwords.txt), trimmed.
std::vector<std::string> parse_lines(std::string_view text);

}  // namespace veille
