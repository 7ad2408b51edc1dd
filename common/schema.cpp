// schema.cpp — lookups and term builders over the schema table.
#include "common/schema.hpp"

#include <algorithm>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"

namespace veille {

const Field& field(std::string_view name) {
    for (const Field& f : kFields)
        if (f.name == name) return f;
    std::string known;
    for (const Field& f : kFields) known += (known.empty() ? "" : ", ") + std::string(f.name);
    throw UsageError("unknown field '" + std::string(name) + "' (known fields: " + known + ")");
}

std::span<const Field> fields() { return kFields; }

std::string id_term(std::string_view id) {
    // Xapian terms are limited to 245 bytes; long ids (URLs) are cut, which keeps them unique enough
    // in practice and never makes add_document throw.
    std::string term = std::string(prefix::kId) + std::string(id);
    if (term.size() > 240) term.resize(240);
    return term;
}

std::string filter_term(const Field& f, std::string_view value, const Analyzer& analyzer) {
    std::string term = std::string(f.prefix) + analyzer.fold(value);
    if (term.size() > 240) term.resize(240);
    return term;
}

std::string join_values(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += '\n';
        out += v;
    }
    return out;
}

std::vector<std::string_view> split_values(std::string_view joined) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start < joined.size()) {
        const std::size_t stop = std::min(joined.find('\n', start), joined.size());
        if (stop > start) out.push_back(joined.substr(start, stop - start));
        start = stop + 1;
    }
    return out;
}

void check_schema(Xapian::WritableDatabase& db, const std::string& path) {
    const std::string stored = db.get_metadata(std::string(kSchemaKey));
    if (stored.empty()) {
        if (db.get_doccount() != 0)
            throw DatabaseError(path, "not a veille database (no schema version in a non-empty Xapian database)");
        db.set_metadata(std::string(kSchemaKey), std::to_string(kSchemaVersion));
        return;
    }
    check_schema(static_cast<const Xapian::Database&>(db), path);
    if (stored != std::to_string(kSchemaVersion)) db.set_metadata(std::string(kSchemaKey), std::to_string(kSchemaVersion));
}

void check_schema(const Xapian::Database& db, const std::string& path) {
    const std::string stored = db.get_metadata(std::string(kSchemaKey));
    if (stored.empty() && db.get_doccount() == 0) return;
    // Same words as the writable check: a foreign database is not a schema mismatch (issue 7).
    if (stored.empty())
        throw DatabaseError(path, "not a veille database (no schema version in a non-empty Xapian database)");
    bool readable = false;
    for (int v = kOldestSchemaVersion; v <= kSchemaVersion; ++v) readable |= stored == std::to_string(v);
    if (!readable)
        throw DatabaseError(path, "schema version " + stored + " but this veille reads versions " +
                                      std::to_string(kOldestSchemaVersion) + " to " + std::to_string(kSchemaVersion) +
                                      "; re-index into a new database");
}

}  // namespace veille
