// analysis_only.cpp — how fast veille turns text into terms when nothing is written: the analyzer's limit.
//
//   analysis_only analyze|build CORPUS.jsonl THREADS   → one JSON line {docs, bytes, tokens, seconds}
//
// analyze: Analyzer::standard().analyze(title) and (body), as the indexer's workers call it.
// build:   the same, then extraction (Enricher) and the Xapian::Document (build_document): all the
//          indexer's work except reading the input and Xapian's writer.
// The corpus is read into memory first and that is not timed; THREADS share the documents in turn.
// A CMake target under -DVEILLE_BENCH=ON (scripts/bench builds it).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/article.hpp"
#include "common/date.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/enrich.hpp"

int main(int argc, char** argv) try {
    if (argc != 4) {
        std::cerr << "usage: analysis_only analyze|build CORPUS.jsonl THREADS\n";
        return 2;
    }
    const std::string mode = argv[1];
    const bool build = mode == "build";
    const unsigned threads = static_cast<unsigned>(std::stoul(argv[3]));
    std::ifstream in(argv[2]);
    if (!in) throw std::runtime_error(std::string("cannot read ") + argv[2]);
    std::vector<veille::Article> articles;
    std::size_t bytes = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line);
        veille::Article a;
        a.id = j.value("id", "");
        a.title = j.value("title", "");
        a.body = j.value("body", "");
        a.source = j.value("source", "");
        if (j.contains("date")) {
            a.date = veille::parse_iso_date(j["date"].get<std::string>());
            if (a.date) a.date_origin = veille::DateOrigin::Metadata;
        }
        bytes += a.title.size() + a.body.size();
        articles.push_back(std::move(a));
    }
    const veille::Analyzer& analyzer = veille::Analyzer::standard();
    const veille::Enricher enricher(veille::Gazetteer::standard(), veille::Taxonomy::standard());
    (void)analyzer.analyze("préchauffage de l’analyseur");  // ICU objects are built per thread, lazily

    std::atomic<std::size_t> next{0}, tokens{0}, terms{0};
    auto work = [&] {
        std::size_t my_tokens = 0, my_terms = 0;
        for (std::size_t i; (i = next.fetch_add(1)) < articles.size();) {
            veille::Article a = articles[i];
            const auto title = analyzer.analyze(a.title);
            const auto body = analyzer.analyze(a.body);
            my_tokens += title.size() + body.size();
            if (build) {
                enricher.enrich(a, title, body);
                const Xapian::Document doc = veille::build_document(a, title, body, "0", analyzer);
                my_terms += doc.termlist_count();
            }
        }
        tokens += my_tokens;
        terms += my_terms;
    };
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"mode\":\"%s\",\"threads\":%u,\"docs\":%zu,\"bytes\":%zu,\"tokens\":%zu,\"terms\":%zu,\"seconds\":%.3f}\n",
                mode.c_str(), threads, articles.size(), bytes, tokens.load(), terms.load(), seconds);
    return 0;
} catch (const std::exception& e) {
    std::cerr << "analysis_only: " << e.what() << '\n';
    return 1;
}
