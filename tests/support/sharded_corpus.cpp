// sharded_corpus.cpp — see sharded_corpus.hpp.
#include "tests/support/sharded_corpus.hpp"

#include <fstream>
#include <stdexcept>

#include "tests/support/run_binary.hpp"

namespace veille::test {

const TempDir& sharded_corpus() {
    static const TempDir dir;
    static const bool built = [] {
        const auto r = run_index({"--db", dir / "shards", "--shards", std::to_string(kCorpusShards),
                                  "--json", source_file("corpus/articles")});
        if (r.exit_code != 0)
            throw std::runtime_error("indexing the corpus as shards failed: " + r.err);
        return true;
    }();
    (void)built;
    return dir;
}

std::vector<std::string> eval_queries() {
    std::ifstream in(source_file("corpus/eval/queries.tsv"));
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (const auto tab = line.find('\t'); tab != std::string::npos)
            out.push_back(line.substr(tab + 1));
    return out;
}

std::string joined_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + '\n';
    return out;
}

nlohmann::json without_timing(nlohmann::json answer) {
    answer.erase("took_ms");
    return answer;
}

bool positional(const nlohmann::json& answer) {
    const std::string d = answer.value("query_description", "");
    return d.find(" PHRASE ") != std::string::npos || d.find(" NEAR ") != std::string::npos;
}

}  // namespace veille::test
