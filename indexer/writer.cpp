// writer.cpp — Xapian errors become DatabaseError with the path and what was being done.
#include "indexer/writer.hpp"

#include <filesystem>

#include "common/error.hpp"
#include "common/schema.hpp"

namespace veille {

namespace {

// True when `dir` holds files that are not a Xapian database: DB_CREATE_OR_OPEN would create one among
// them (`--db ~/Documents`, or arguments swapped with the corpus), so such a directory is refused.
// An interrupted creation (lock and table files, no version file yet) is still ours to finish.
bool holds_other_files(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(fs::path(dir) / "iamglass", ec)) return false;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name != "flintlock" && !name.ends_with(".glass")) return true;
    }
    return false;
}

Xapian::WritableDatabase open_writable(const std::string& path, Sync sync) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_directory(path, ec))
        throw DatabaseError(path, "not a directory (a veille database is a directory)");
    if (std::filesystem::is_directory(path, ec) && holds_other_files(path))
        throw DatabaseError(path, "not a veille database (the directory holds other files); "
                                  "give a new or empty directory to --db");
    try {
        return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | (sync == Sync::Scratch ? Xapian::DB_NO_SYNC : 0));
    } catch (const Xapian::DatabaseLockError& e) {
        // Xapian also reports a lock file it cannot create (read-only directory) as a lock error;
        // only "already locked" means another writer (issue 7).
        if (e.get_msg().find("already locked") != std::string::npos)
            throw DatabaseError(path, "database is locked by another veille-index");
        throw DatabaseError(path, "cannot lock database for writing: " + e.get_msg());
    } catch (const Xapian::DatabaseVersionError& e) {
        throw DatabaseError(path, "unsupported database format: " + e.get_msg());
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw DatabaseError(path, "cannot open database: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path, "cannot open database: " + e.get_description());
    }
}

}  // namespace

std::optional<std::string> stored_hash(const Xapian::Database& db, const std::string& id) {
    const std::string term = id_term(id);
    const Xapian::PostingIterator p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return std::nullopt;
    return db.get_document(*p).get_value(slot::kHash);
}

BatchWriter::BatchWriter(std::string path, std::size_t batch_size, std::size_t flush_bytes, Sync sync)
    : path_(std::move(path)), batch_size_(batch_size ? batch_size : 1), flush_bytes_(flush_bytes),
      db_(open_writable(path_, sync)) {
    try {
        check_schema(db_, path_);
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_, "cannot read database: " + e.get_description());
    }
}

BatchWriter::~BatchWriter() {
    try {
        commit();
    } catch (...) {
        // Destructors must not throw; an explicit commit() reports the error on the normal path.
    }
}

WriteOutcome BatchWriter::write(const std::string& id, const std::string& hash, const Xapian::Document& doc,
                                std::size_t bytes) {
    try {
        WriteOutcome outcome = WriteOutcome::Indexed;
        if (const auto stored = stored_hash(db_, id)) {
            if (*stored == hash) return WriteOutcome::Unchanged;
            outcome = WriteOutcome::Updated;
        }
        db_.replace_document(id_term(id), doc);
        count_change(bytes);
        return outcome;
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_, "cannot write article '" + id + "': " + e.get_description());
    }
}

bool BatchWriter::remove(const std::string& id) {
    if (!contains(id)) return false;
    const std::string term = id_term(id);
    try {
        db_.delete_document(term);
        count_change(0);
        return true;
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_, "cannot delete article '" + id + "': " + e.get_description());
    }
}

bool BatchWriter::contains(const std::string& id) {
    const std::string term = id_term(id);
    try {
        return db_.postlist_begin(term) != db_.postlist_end(term);
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_, "cannot look up article '" + id + "': " + e.get_description());
    }
}

std::string BatchWriter::metadata(const std::string& key) {
    try {
        return db_.get_metadata(key);
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_, "cannot read metadata '" + key + "': " + e.get_description());
    }
}

void BatchWriter::set_metadata(const std::string& key, const std::string& value) {
    try {
        db_.set_metadata(key, value);
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_, "cannot write metadata '" + key + "': " + e.get_description());
    }
}

void BatchWriter::commit() {
    try {
        db_.commit();
        pending_ = 0;
        pending_bytes_ = 0;
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_, "commit failed (previous commit kept): " + e.get_description());
    }
}

void BatchWriter::close() {
    commit();
    db_.close();
}

void BatchWriter::count_change(std::size_t bytes) {
    pending_bytes_ += bytes;
    if (++pending_ >= batch_size_ || pending_bytes_ >= flush_bytes_) commit();
}

}  // namespace veille
