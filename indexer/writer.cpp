// writer.cpp — Xapian errors become DatabaseError with the path and what was being done.
#include "indexer/writer.hpp"

#include <filesystem>

#include "common/error.hpp"
#include "common/schema.hpp"

namespace veille {

namespace {

Xapian::WritableDatabase open_writable(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_directory(path, ec))
        throw DatabaseError(path, "not a directory (a veille database is a directory)");
    try {
        return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw DatabaseError(path, "database is locked by another veille-index");
    } catch (const Xapian::DatabaseVersionError& e) {
        throw DatabaseError(path, "unsupported database format: " + e.get_msg());
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw DatabaseError(path, "cannot open database: " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path, "cannot open database: " + e.get_description());
    }
}

}  // namespace

BatchWriter::BatchWriter(std::string path, std::size_t batch_size)
    : path_(std::move(path)), batch_size_(batch_size ? batch_size : 1), db_(open_writable(path_)) {
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

WriteOutcome BatchWriter::write(const std::string& id, const std::string& hash, const Xapian::Document& doc) {
    const std::string term = id_term(id);
    try {
        WriteOutcome outcome = WriteOutcome::Indexed;
        if (Xapian::PostingIterator p = db_.postlist_begin(term); p != db_.postlist_end(term)) {
            if (db_.get_document(*p).get_value(slot::kHash) == hash) return WriteOutcome::Unchanged;
            outcome = WriteOutcome::Updated;
        }
        db_.replace_document(term, doc);
        count_change();
        return outcome;
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_, "cannot write article '" + id + "': " + e.get_description());
    }
}

bool BatchWriter::remove(const std::string& id) {
    const std::string term = id_term(id);
    try {
        if (db_.postlist_begin(term) == db_.postlist_end(term)) return false;
        db_.delete_document(term);
        count_change();
        return true;
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_, "cannot delete article '" + id + "': " + e.get_description());
    }
}

void BatchWriter::commit() {
    try {
        db_.commit();
        pending_ = 0;
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path_, "commit failed (previous commit kept): " + e.get_description());
    }
}

void BatchWriter::count_change() {
    if (++pending_ >= batch_size_) commit();
}

}  // namespace veille
