// writer.hpp — BatchWriter: the only code that modifies the database (replace by id, skip unchanged, delete, commit).
#pragma once
#include <cstddef>
#include <string>

#include <xapian.h>

namespace veille {

/// What writing one article did.
enum class WriteOutcome { Indexed, Updated, Unchanged };

/// Owns the writable database. Commits every `batch_size` changes and on commit()/destruction;
/// a killed process keeps every committed batch (Xapian commits are atomic).
class BatchWriter {
public:
    /// Opens or creates the database at `path`; throws DatabaseError (locked by another writer,
    /// not a veille database, wrong schema version, permission denied…).
    BatchWriter(std::string path, std::size_t batch_size);
    ~BatchWriter();
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;

    /// Adds or replaces the article with this id, unless the stored hash is the same.
    WriteOutcome write(const std::string& id, const std::string& hash, const Xapian::Document& doc);
    /// Deletes the article with this id; false if there was none.
    bool remove(const std::string& id);
    /// Commits pending changes; throws DatabaseError (disk full…) naming the path.
    void commit();
    /// The database, for read access during indexing (--explain).
    [[nodiscard]] Xapian::WritableDatabase& database() { return db_; }

private:
    void count_change();

    std::string path_;
    std::size_t batch_size_;
    std::size_t pending_ = 0;
    Xapian::WritableDatabase db_;
};

}  // namespace veille
