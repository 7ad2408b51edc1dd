// database.hpp — opening a veille database for reading and finding an article in it by id.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "common/article.hpp"

namespace veille {

/// Opens the database at `path` for reading and checks its schema version. Throws DatabaseError
/// naming `path`: « veille.db: no such database (create it with: veille-index --db veille.db PATH...) ».
Xapian::Database open_database(const std::string& path);

/// The stored article whose id is `id` (its Q term), or nullopt. Xapian errors pass through, so that
/// a caller can reopen on Xapian::DatabaseModifiedError.
std::optional<Article> find_article(const Xapian::Database& db, std::string_view id);

}  // namespace veille
