// data_salt.cpp — the content-hash salt: schema + analysis version + data files.
#include "indexer/data_salt.hpp"

#include <string>

#include "common/analysis/analyzer.hpp"
#include "common/data_files.hpp"
#include "common/schema.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/options.hpp"

namespace veille {

// The salt string is on disk in effect (every stored content hash depends on it): changing how it is
// built, even the order of the files, makes the next run re-index every article.
std::string data_salt(const IndexOptions& opt) {
    std::string salt =
        "schema" + std::to_string(kSchemaVersion) + "analysis" + std::to_string(kAnalysisVersion);
    for (const char* name : {"companies.tsv", "products.txt", "topics.tsv", "stopwords.txt", "elisions.txt"})
        salt += embedded_data(name);
    if (!opt.companies_file.empty()) salt += read_text_file(opt.companies_file);
    if (!opt.topics_file.empty()) salt += read_text_file(opt.topics_file);
    return content_hash(Article{}, salt);
}

}  // namespace veille
