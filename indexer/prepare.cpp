// prepare.cpp — the per-article work shared by the chunked pipeline and the sharded load.
#include "indexer/prepare.hpp"

#include "common/analysis/analyzer.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/enrich.hpp"
#include "indexer/options.hpp"

namespace veille {

std::size_t text_bytes(const Record& record) {
    const auto* a = std::get_if<Article>(&record);
    return a ? a->title.size() + a->body.size() : 0;
}

Record check_size(Record&& record, const std::string& file) {
    const std::size_t size = text_bytes(record);
    if (size <= kMaxArticleBytes) return std::move(record);
    return Rejected{file, 0, "article '" + std::get<Article>(record).id + "' is too large (" + std::to_string(size) +
                                 " bytes, limit " + std::to_string(kMaxArticleBytes >> 20) + " MiB)"};
}

Built prepare(Record&& record, const Enricher& enricher, std::string_view salt, bool build_doc) {
    if (auto* r = std::get_if<Rejected>(&record)) return std::move(*r);
    Article article = std::get<Article>(std::move(record));
    try {
        const Analyzer& analyzer = Analyzer::standard();
        Prepared p;
        p.hash = content_hash(article, salt);
        const auto title = analyzer.analyze(article.title);
        const auto body = analyzer.analyze(article.body);
        enricher.enrich(article, title, body);
        if (build_doc) p.doc = build_document(article, title, body, p.hash, analyzer);
        p.article = std::move(article);
        return p;
    } catch (const std::exception& e) {
        return Rejected{article.id, 0, std::string("cannot analyse article: ") + e.what()};
    }
}

}  // namespace veille
