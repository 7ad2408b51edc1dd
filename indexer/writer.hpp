// writer.hpp — BatchWriter: the only code that modifies the database (replace by id, skip unchanged, delete, commit).
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include <xapian.h>

namespace veille {

/// The content hash stored with the article of this id in `db`, nullopt when there is none (Xapian
/// errors propagate; the caller knows what was being done).
std::optional<std::string> stored_hash(const Xapian::Database& db, const std::string& id);

/// What writing one article did.
enum class WriteOutcome { Indexed, Updated, Unchanged };

/// Durable: every commit is synced to disk. Scratch: not synced, for a database that is rebuilt if
/// the machine stops (the bulk load's shards, whose merge into the target is synced).
enum class Sync { Durable, Scratch };

/// Owns the writable database. Commits every `batch_size` changes, or sooner once the pending
/// articles hold `flush_bytes` of text (Xapian keeps them in memory until then), and on
/// commit()/destruction; a killed process keeps every committed batch (Xapian commits are atomic).
class BatchWriter {
public:
    /// Text pending in memory before a commit: bounds the indexer's peak memory (README, Benchmarks).
    static constexpr std::size_t kDefaultFlushBytes = 64u << 20;

    /// Opens or creates the database at `path`; throws DatabaseError (locked by another writer,
    /// not a veille database, wrong schema version, permission denied…).
    BatchWriter(std::string path, std::size_t batch_size, std::size_t flush_bytes = kDefaultFlushBytes,
                Sync sync = Sync::Durable);
    ~BatchWriter();
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;

    /// Adds or replaces the article with this id, unless the stored hash is the same.
    /// `bytes` is the article's text size, counted towards the flush threshold.
    WriteOutcome write(const std::string& id, const std::string& hash, const Xapian::Document& doc,
                       std::size_t bytes = 0);
    /// Deletes the article with this id; false if there was none.
    bool remove(const std::string& id);
    /// True when an article with this id is stored (or written since the last commit).
    bool contains(const std::string& id);
    /// A metadata entry, "" when absent.
    std::string metadata(const std::string& key);
    /// Sets a metadata entry ("" deletes it) in the pending transaction: the next commit stores it
    /// together with every change written before it, or neither survives a crash (feed state, issue 18).
    void set_metadata(const std::string& key, const std::string& value);
    /// Commits pending changes; throws DatabaseError (disk full…) naming the path.
    void commit();
    /// Commits and closes the database (releasing its lock); the writer is unusable afterwards.
    void close();
    /// The database, for read access during indexing (--explain).
    [[nodiscard]] Xapian::WritableDatabase& database() { return db_; }

private:
    void count_change(std::size_t bytes);

    std::string path_;
    std::size_t batch_size_;
    std::size_t flush_bytes_;
    std::size_t pending_ = 0;
    std::size_t pending_bytes_ = 0;
    Xapian::WritableDatabase db_;
};

}  // namespace veille
