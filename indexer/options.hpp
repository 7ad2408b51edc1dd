// options.hpp — everything veille-index can be asked to do, as parsed from the command line.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/shard.hpp"
#include "indexer/fetch/feed_fetcher.hpp"
#include "indexer/readers/reader.hpp"

namespace veille {

/// What to do when a record is rejected.
enum class OnError { Skip, Fail };

struct IndexOptions {
    std::string db;
    std::vector<std::string> paths;       ///< files, directories (recursive) or "-" for JSONL on stdin
    Format format = Format::Auto;
    OnError on_error = OnError::Skip;
    bool json = false;
    std::vector<std::string> delete_ids;
    std::size_t batch_size = 2000;        ///< articles per commit
    bool batch_size_given = false;        ///< --batch-size given: commit as asked, never a bulk load
    unsigned threads = 0;                 ///< analysis threads; 0 = one per core
    std::string companies_file;           ///< overrides the compiled-in gazetteer
    std::string topics_file;              ///< overrides the compiled-in taxonomy
    std::string explain_id;               ///< --explain ID
    std::string gold_file;                ///< --gold FILE: extraction report, no database written
    std::optional<ShardSpec> shard;       ///< --shard I/N: only the articles of shard I are written into db
    unsigned shards = 0;                  ///< --shards N: db is a directory of N shards + veille.stub
    std::string data_salt;                ///< fingerprint of schema + extraction data, part of each content hash
    std::string feeds_file;               ///< --feeds FILE: feeds to fetch and index (one URL a line, or OPML)
    bool fetch_pages = false;             ///< --fetch-pages: index each new item's web page text
    FetchOptions fetch;                   ///< --fetch-timeout, --fetch-max-size, --fetch-delay
};

/// Articles larger than this (title + body) are rejected rather than exhausting memory.
inline constexpr std::size_t kMaxArticleBytes = 8u << 20;

}  // namespace veille
