// sharded_corpus.hpp — the bundled corpus as 3 shards, and the helpers the shard comparisons share
// (issue 20: searched as one, the shards answer what one database answers).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"

namespace veille::test {

inline constexpr unsigned kCorpusShards = 3;

/// corpus/articles written by `veille-index --shards 3` as DIR/shards/shard-0..2 +
/// DIR/shards/veille.stub, once per test process; throws std::runtime_error when indexing fails.
const TempDir& sharded_corpus();

/// The queries of corpus/eval/queries.tsv, in file order.
std::vector<std::string> eval_queries();

/// `lines`, each ended by a newline (a stdin of queries).
std::string joined_lines(const std::vector<std::string>& lines);

/// `answer` without what may differ between two runs of one search: the time taken.
nlohmann::json without_timing(nlohmann::json answer);

/// True when the ranked query holds a phrase or NEAR, whose weights Xapian 1.4 computes differently
/// under a filter over several databases (README, « Plusieurs machines »).
bool positional(const nlohmann::json& answer);

}  // namespace veille::test
