// database.cpp — one way in for both binaries, so that a missing or foreign database reads the same
// from veille-search and veille-index --explain. Shards are opened one by one and then added to one
// Xapian::Database: Xapian itself then merges their statistics (document counts, term frequencies,
// lengths), so BM25 sees the collection a single database would.
#include "common/database.hpp"

#include <filesystem>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/stub_file.hpp"

namespace veille {

namespace fs = std::filesystem;

Xapian::Database open_database(const std::string& path) {
    // Xapian would create nothing here but reports a missing path as an opening error; saying how to
    // create it is more use.
    std::error_code ec;
    if (!fs::exists(path, ec))
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

std::vector<Xapian::rev> ShardedDatabase::revisions() const {
    std::vector<Xapian::rev> out;
    for (const auto& s : shards) {
        try {
            out.push_back(s.get_revision());
        } catch (const Xapian::InvalidOperationError&) {
            out.push_back(0);
        } catch (const Xapian::UnimplementedError&) {
            out.push_back(0);  // a remote shard does not say
        }
    }
    return out;
}

namespace {

void add_shard(ShardedDatabase& out, Xapian::Database shard, std::string name) {
    out.all.add_database(shard);
    out.shards.push_back(std::move(shard));
    out.names.push_back(std::move(name));
}

void add_stub(ShardedDatabase& out, const std::string& stub, const ShardOptions& options) {
    for (const StubEntry& e : read_stub(stub)) {
        if (e.kind == StubEntry::Kind::Local) {
            add_shard(out, open_database(e.path), e.path);
            continue;
        }
        const std::string name = e.host + ":" + std::to_string(e.port) + " (" + e.where + ")";
        try {
            // The same bound for connecting and for each answer: a shard that is down or stuck fails
            // the search in that time, naming itself, rather than hanging it.
            Xapian::Database db = Xapian::Remote::open(e.host, e.port, options.timeout_ms, options.timeout_ms);
            check_schema(db, name);
            add_shard(out, std::move(db), name);
            ++out.remote;
        } catch (const Xapian::Error& err) {
            if (!options.allow_partial) throw DatabaseError(name, "cannot open remote shard: " + err.get_description());
            out.missing.push_back(name + ": " + err.get_description());
        }
    }
}

}  // namespace

ShardedDatabase open_shards(const std::vector<std::string>& paths, const ShardOptions& options) {
    ShardedDatabase out;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (fs::is_regular_file(path, ec)) {
            add_stub(out, path, options);
        } else if (const fs::path stub = fs::path(path) / kStubName;
                   fs::is_directory(path, ec) && !fs::exists(fs::path(path) / "iamglass", ec) &&
                   fs::is_regular_file(stub, ec)) {
            add_stub(out, stub.string(), options);
        } else {
            add_shard(out, open_database(path), path);
        }
    }
    if (out.shards.empty())
        throw DatabaseError(describe_paths(paths), "no shard could be opened: " + describe_paths(out.missing));
    return out;
}

std::string describe_paths(const std::vector<std::string>& paths) {
    std::string out;
    for (const auto& p : paths) out += (out.empty() ? "" : ", ") + p;
    return out;
}

std::optional<Article> find_article(const Xapian::Database& db, std::string_view id) {
    const std::string term = id_term(id);
    auto p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return std::nullopt;
    return stored_article(db.get_document(*p));
}

}  // namespace veille
