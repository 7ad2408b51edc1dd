// database.cpp — one way in for both binaries, so that a missing or foreign database reads the same
// from veille-search and veille-index --explain.
#include "common/database.hpp"

#include <filesystem>

#include "common/error.hpp"
#include "common/schema.hpp"

namespace veille {

Xapian::Database open_database(const std::string& path) {
    // Xapian would create nothing here but reports a missing path as an opening error; saying how to
    // create it is more use.
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw DatabaseError(path, "no such database (create it with: veille-index --db " + path + " PATH...)");
    try {
        Xapian::Database db(path);
        check_schema(db, path);
        return db;
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw DatabaseError(path, "not a veille database: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path, "cannot open database: " + e.get_description());
    }
}

std::optional<Article> find_article(const Xapian::Database& db, std::string_view id) {
    const std::string term = id_term(id);
    auto p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return std::nullopt;
    return stored_article(db.get_document(*p));
}

}  // namespace veille
