// shard_load.cpp — one thread and one Xapian database per shard, fed by bounded queues of record
// chunks from the reading thread; Database::compact merges the shards into the target.
#include "indexer/shard_load.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/database.hpp"
#include "common/error.hpp"
#include "common/text/fnv1a.hpp"
#include "indexer/prepare.hpp"
#include "indexer/writer.hpp"

namespace veille {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kShardChunkRecords = 64;
constexpr std::size_t kShardChunkBytes = 1u << 20;
constexpr std::size_t kQueueChunks = 4;  // per shard: bounds what reading can get ahead by
// Xapian buffers a batch's postings in maps that get slower per article as they grow; on an unsynced
// scratch shard a commit is cheap, so small batches win (4,782 articles, 2 shards: 1,000 per commit
// 4.8 s, 100 per commit 3.9 s; 300,000 articles in segments: 50 → 259 s, 100 → 233 s, 400 → 253 s).
constexpr std::size_t kShardBatch = 100;
// A shard's commits get dearer as its database grows (each touches more B-tree blocks): at a million
// articles the load ran at 838 articles/s against 1,442 at 10,000. So a shard is written as segments,
// each a database of its own closed after this much text, and the merge at the end reads them all at
// once, as Lucene merges its segments. About 17,000 news articles per segment; VEILLE_SEGMENT_BYTES
// sets another size (README, Bulk load and memory), as XAPIAN_FLUSH_THRESHOLD does for Xapian.
constexpr std::size_t kDefaultSegmentBytes = 64u << 20;

std::size_t segment_bytes_from_environment() {
    const char* text = std::getenv("VEILLE_SEGMENT_BYTES");
    if (text == nullptr || *text == '\0') return kDefaultSegmentBytes;
    const std::string_view value(text);
    std::size_t bytes = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), bytes);
    if (ec != std::errc() || end != value.data() + value.size() || bytes == 0)
        throw UsageError("VEILLE_SEGMENT_BYTES: expected a positive number of bytes, got '" + std::string(value) + "'");
    return bytes;
}

// A record on its way to a shard; `repeated` when its id came earlier in this load.
struct Queued {
    Record record;
    bool repeated = false;
};

class ChunkQueue {
public:
    void push(std::vector<Queued>&& chunk) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return queue_.size() < kQueueChunks || aborted_; });
        if (aborted_) return;  // the shard failed; finish() reports why
        queue_.push_back(std::move(chunk));
        not_empty_.notify_one();
    }
    std::optional<std::vector<Queued>> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
        if (queue_.empty()) return std::nullopt;
        auto chunk = std::move(queue_.front());
        queue_.pop_front();
        not_full_.notify_one();
        return chunk;
    }
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
    }
    void abort() {
        std::lock_guard lock(mutex_);
        aborted_ = true;
        queue_.clear();
        not_full_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    std::deque<std::vector<Queued>> queue_;
    bool closed_ = false, aborted_ = false;
};

// The target without a trailing slash, so that its name and its parent directory are known.
fs::path target_path(const std::string& db) {
    fs::path p = fs::absolute(fs::path(db)).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    return p;
}

}  // namespace

// The flock `veille-search watch` takes on DIR/watches.lock (searcher/watch/watch_store.cpp), when the
// file exists: no watch, nothing to wait for. The file moves with the directory's other companion
// files, and a lock follows the file, so a watch waiting on it resumes on the merged database.
class WatchLock {
public:
    explicit WatchLock(const fs::path& path) : fd_(::open(path.c_str(), O_RDWR | O_CLOEXEC)) {
        int status = 0;
        do status = fd_ >= 0 ? ::flock(fd_, LOCK_EX) : 0;
        while (status != 0 && errno == EINTR);
    }
    ~WatchLock() {
        if (fd_ >= 0) ::close(fd_);
    }
    WatchLock(const WatchLock&) = delete;
    WatchLock& operator=(const WatchLock&) = delete;

private:
    int fd_;
};

struct ShardedLoad::Impl {
    struct Shard {
        fs::path path;                // a directory holding the shard's segments
        std::size_t flush_bytes;
        std::vector<fs::path> closed;  // the segments written and closed, in order
        std::optional<BatchWriter> writer;  // the segment being written
        std::size_t segment_bytes = 0;
        ChunkQueue queue;
        std::vector<Queued> pending;  // filled by the reading thread, handed over whole
        std::size_t pending_bytes = 0;
        std::atomic<std::size_t> backlog{0};  // text bytes handed over and not yet written
        Summary counts;
        std::exception_ptr error;
        std::thread thread;

        Shard(fs::path p, std::size_t flush) : path(std::move(p)), flush_bytes(flush) {
            std::error_code ec;
            if (!fs::create_directory(path, ec))
                throw DatabaseError(path.string(), "cannot create the shard directory: " + ec.message());
            open_segment();
        }

        // The segment being written is always the one after the closed ones.
        fs::path open_path() const { return path / ("segment" + std::to_string(closed.size())); }
        void open_segment() {
            writer.emplace(open_path().string(), kShardBatch, flush_bytes, Sync::Scratch);
            segment_bytes = 0;
        }
        void close_segment() {
            writer->close();
            writer.reset();
            closed.push_back(open_path());
        }
        std::vector<fs::path> segments() const {
            auto all = closed;
            if (writer) all.push_back(open_path());
            return all;
        }

        // An id seen earlier in this load may sit in a closed segment: the same text is left there
        // (Unchanged), another text is deleted there so that the id lives in one segment only, and
        // the new version is then written like any article (the caller counts it as Updated).
        std::optional<WriteOutcome> retire_earlier(const std::string& id, const std::string& hash) {
            for (const fs::path& segment : closed) {
                try {
                    const auto stored = stored_hash(Xapian::Database(segment.string()), id);
                    if (!stored) continue;
                    if (*stored == hash) return WriteOutcome::Unchanged;
                } catch (const Xapian::Error& e) {
                    throw DatabaseError(segment.string(), "cannot look up article '" + id + "': " + e.get_description());
                }
                BatchWriter old(segment.string(), 1, 0, Sync::Scratch);
                old.remove(id);
                old.close();
                return WriteOutcome::Updated;
            }
            return std::nullopt;
        }
    };

    std::string db;
    fs::path target;
    fs::path work;  // hidden sibling of the target, removed when done
    const Enricher& enricher;
    std::string salt;
    std::function<void(Rejected&&)> reject;
    std::vector<std::unique_ptr<Shard>> shards;
    // Hash of an id → its shard, on the reading thread. The hash, not the id: at a million articles
    // the ids themselves held about 60 MB. Two ids with one hash (odds of 3 in 10^8 at that size) would
    // only send the second to the first one's shard and have it looked for in closed segments.
    std::unordered_map<std::uint64_t, std::uint8_t> shard_of;
    std::mutex rejected_mutex;
    std::vector<Rejected> rejected;  // from the shard threads, reported on the caller's thread
    std::atomic<std::size_t> done{0};
    std::size_t segment_limit = segment_bytes_from_environment();

    Impl(std::string db_path, const Enricher& e, std::string s, std::function<void(Rejected&&)> r)
        : db(std::move(db_path)), target(target_path(db)), enricher(e), salt(std::move(s)), reject(std::move(r)) {
        const std::string stem = "." + target.filename().string() + ".veille-load-";
        work = target.parent_path() / (stem + std::to_string(::getpid()));
        // Our caller holds the target's write lock, so any other load directory is a killed run's.
        std::error_code ec;
        for (fs::directory_iterator it(target.parent_path(), ec), end; !ec && it != end; it.increment(ec))
            if (it->path().filename().string().starts_with(stem)) fs::remove_all(it->path(), ec);
        fs::remove_all(work, ec);
        if (!fs::create_directory(work, ec))
            throw DatabaseError(db, "cannot create the shard directory " + work.string() + ": " + ec.message());
    }

    ~Impl() {
        for (auto& s : shards) s->queue.abort(), s->queue.close();
        for (auto& s : shards)
            if (s->thread.joinable()) s->thread.join();
        shards.clear();  // closes the shard databases before their files go
        std::error_code ec;
        fs::remove_all(work, ec);
    }

    void run(Shard& s) {
        try {
            while (auto chunk = s.queue.pop()) {
                for (Queued& queued : *chunk) {
                    const std::size_t bytes = text_bytes(queued.record);
                    Built built = prepare(std::move(queued.record), enricher, salt, true);
                    s.backlog -= bytes;
                    if (auto* r = std::get_if<Rejected>(&built)) {
                        std::lock_guard lock(rejected_mutex);
                        rejected.push_back(std::move(*r));
                        continue;
                    }
                    const auto& p = std::get<Prepared>(built);
                    const std::optional<WriteOutcome> earlier =
                        queued.repeated ? s.retire_earlier(p.article.id, p.hash) : std::nullopt;
                    WriteOutcome outcome = WriteOutcome::Unchanged;
                    if (earlier != WriteOutcome::Unchanged) {
                        outcome = s.writer->write(p.article.id, p.hash, p.doc, bytes);
                        if (earlier == WriteOutcome::Updated) outcome = WriteOutcome::Updated;
                        s.segment_bytes += bytes;
                    }
                    switch (outcome) {
                        case WriteOutcome::Indexed: ++s.counts.indexed; break;
                        case WriteOutcome::Updated: ++s.counts.updated; break;
                        case WriteOutcome::Unchanged: ++s.counts.unchanged; break;
                    }
                    ++done;
                    if (s.segment_bytes >= segment_limit) s.close_segment(), s.open_segment();
                }
            }
            s.writer->close();
        } catch (...) {
            s.error = std::current_exception();
            s.queue.abort();
        }
    }

    // A new id goes to the shard with the least work waiting (articles differ in size, and a shard
    // fed by a fixed rule made the reader wait on it while the other idled); a repeated id goes
    // where its earlier version went, to replace it there.
    Shard& shard_for(const std::string& id, bool& repeated) {
        const auto [it, fresh] = shard_of.try_emplace(fnv1a(id), 0);
        repeated = !fresh;
        if (fresh) {
            const auto load = [](const Shard& s) { return s.backlog.load() + s.pending_bytes; };
            for (std::size_t i = 1; i < shards.size(); ++i)
                if (load(*shards[i]) < load(*shards[it->second])) it->second = static_cast<std::uint8_t>(i);
        }
        return *shards[it->second];
    }

    void hand_over(Shard& s) {
        if (s.pending.empty()) return;
        s.backlog += s.pending_bytes;
        s.queue.push(std::move(s.pending));
        s.pending.clear();
        s.pending_bytes = 0;
    }

    void report_rejected() {
        std::vector<Rejected> batch;
        {
            std::lock_guard lock(rejected_mutex);
            batch.swap(rejected);
        }
        for (auto& r : batch) reject(std::move(r));
    }

    void merge_into_target(const std::function<void()>& release_target) {
        const fs::path merged = work / "merged";
        try {
            Xapian::Database all;
            for (const auto& s : shards)
                for (const fs::path& segment : s->segments()) all.add_database(Xapian::Database(segment.string()));
            // Many segments: postings are merged a few sources at a time, which Xapian finds faster.
            all.compact(merged.string(), Xapian::DBCOMPACT_MULTIPASS);
        } catch (const Xapian::Error& e) {
            throw DatabaseError(db, "cannot merge the shards in " + work.string() + ": " + e.get_description());
        }
        release_target();
        // A `veille-search watch` writing its state meanwhile would write into the directory being
        // moved aside, or be overwritten by the carry-over below: its lock is held across the swap.
        const WatchLock watch_lock(target / kWatchLockFile);
        // The target is an empty database we created or found empty: it is moved aside, not lost,
        // until the merged one has taken its name.
        const fs::path replaced = work / "replaced";
        std::error_code ec;
        fs::rename(target, replaced, ec);
        if (ec) throw DatabaseError(db, "cannot move the empty database aside: " + ec.message());
        fs::rename(merged, target, ec);
        if (ec) {
            std::error_code back;
            fs::rename(replaced, target, back);
            throw DatabaseError(db, "cannot put the merged database in place: " + ec.message());
        }
        // An empty database may still hold veille's own files (the saved searches of `veille-search
        // watch`, added before the first indexing or kept after every article was deleted): they go
        // with the name, not with the empty tables.
        for (const std::string_view name : kCompanionFiles) {
            if (!fs::exists(replaced / name, ec)) continue;
            fs::rename(replaced / name, target / name, ec);
            if (ec) throw DatabaseError(db, "cannot carry " + std::string(name) + " over to the merged database: " + ec.message());
        }
    }
};

ShardedLoad::ShardedLoad(std::string db, unsigned shards, const Enricher& enricher, std::string salt,
                         std::function<void(Rejected&&)> reject)
    : impl_(std::make_unique<Impl>(std::move(db), enricher, std::move(salt), std::move(reject))) {
    const unsigned n = std::max(1u, shards);
    for (unsigned i = 0; i < n; ++i)
        impl_->shards.push_back(std::make_unique<Impl::Shard>(impl_->work / ("shard" + std::to_string(i)),
                                                              BatchWriter::kDefaultFlushBytes / n));
    for (auto& s : impl_->shards) s->thread = std::thread([this, shard = s.get()] { impl_->run(*shard); });
}

ShardedLoad::~ShardedLoad() = default;

void ShardedLoad::push(Record&& record, const std::string& file) {
    record = check_size(std::move(record), file);
    if (auto* r = std::get_if<Rejected>(&record)) return impl_->reject(std::move(*r));
    bool repeated = false;
    auto& shard = impl_->shard_for(std::get<Article>(record).id, repeated);
    shard.pending_bytes += text_bytes(record);
    shard.pending.push_back(Queued{std::move(record), repeated});
    if (shard.pending.size() >= kShardChunkRecords || shard.pending_bytes >= kShardChunkBytes) impl_->hand_over(shard);
    impl_->report_rejected();
}

std::size_t ShardedLoad::done() const { return impl_->done.load(); }

void ShardedLoad::finish(Summary& summary, const std::function<void()>& release_target) {
    for (auto& s : impl_->shards) {
        impl_->hand_over(*s);
        s->queue.close();
    }
    for (auto& s : impl_->shards) s->thread.join();
    impl_->report_rejected();
    std::size_t written = 0;
    for (auto& s : impl_->shards) {
        if (s->error) std::rethrow_exception(s->error);
        summary.indexed += s->counts.indexed;
        summary.updated += s->counts.updated;
        summary.unchanged += s->counts.unchanged;
        written += s->counts.indexed;
    }
    if (written > 0) impl_->merge_into_target(release_target);
}

}  // namespace veille
