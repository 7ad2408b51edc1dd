// explain.hpp — `veille-index --explain ID`: why a stored article got its date, companies and topics.
#pragma once
#include <string>

namespace veille {

class Enricher;

/// Re-runs extraction on the stored article `id` of the database at `db_path` and describes each
/// decision (human text, or one JSON object). Throws DatabaseError, or UsageError for an unknown id.
std::string explain_article(const std::string& db_path, const std::string& id, const Enricher& enricher, bool json);

}  // namespace veille
