// pipeline.hpp — the indexing run: walk inputs → read → analyse + enrich + build (worker threads) → write.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "indexer/options.hpp"
#include "indexer/summary.hpp"

namespace veille {

class Enricher;

/// Expands directories (recursively, sorted, symlink loops and unreadable entries reported as
/// Rejected) into the list of files to read.
std::vector<std::string> list_inputs(const std::vector<std::string>& paths, std::vector<Rejected>& problems);

/// Called for every record read, before analysis (used by --gold to collect articles).
using ArticleVisitor = std::function<void(const Article& enriched)>;

/// Indexes opt.paths into opt.db and applies opt.delete_ids. Rejected records are printed to
/// stderr as they come and collected in the summary; throws InputError on the first one when
/// opt.on_error is Fail (committed batches stay), DatabaseError on database failures.
Summary run_indexing(const IndexOptions& opt, const Enricher& enricher);

/// Reads and enriches opt.paths without writing anything, passing each article to `visit`.
Summary read_and_enrich(const IndexOptions& opt, const Enricher& enricher, const ArticleVisitor& visit);

}  // namespace veille
