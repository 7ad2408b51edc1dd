// corpus_db.hpp — the bundled corpus indexed once per test run, shared read-only by the tests that
// only search it (re-indexing it in every test case, and in every SECTION, dominated the suite).
#pragma once
#include <string>

namespace veille::test {

/// A database of exactly corpus/articles. Under ctest the `corpus_databases` fixture built it before
/// any test (VEILLE_TEST_CORPUS_DBS); run by hand, the first call indexes it into a temporary
/// directory for this process. Open it read-only: other test processes use it at the same time.
/// Throws std::runtime_error when indexing fails.
const std::string& corpus_db();

/// The same plus tests/data/mini.jsonl (six short articles the search tests query by name).
const std::string& corpus_and_mini_db();

}  // namespace veille::test
