// engine_pool.hpp — Engines shared by the server's worker threads, one request on one Engine at a time.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "searcher/match/engine.hpp"

namespace veille {

/// Up to `size` Engines on one database (or shards searched as one), opened on first need. An Engine is not thread-safe (it holds
/// Xapian handles and facet caches); a borrowed one is used by its borrower only.
class EnginePool {
public:
    EnginePool(std::vector<std::string> paths, RankingParams params, std::size_t size, ShardOptions shards = {});

    /// An Engine for the duration of one request; returns it to the pool when destroyed, unless
    /// discard() was called (the next borrower then opens a fresh one).
    class Lease {
    public:
        Lease(EnginePool& pool, std::unique_ptr<Engine> engine) : pool_(&pool), engine_(std::move(engine)) {}
        Lease(Lease&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), engine_(std::move(other.engine_)) {}
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Engine& operator*() const { return *engine_; }
        Engine* operator->() const { return engine_.get(); }
        /// Drops the Engine instead of returning it (after a database error).
        void discard() { engine_.reset(); }

    private:
        EnginePool* pool_;
        std::unique_ptr<Engine> engine_;
    };

    /// Waits for a free Engine, or opens one while fewer than `size` exist; waiting requests are
    /// served in arrival order. Throws DatabaseError when the database cannot be opened (the server
    /// answers 503).
    Lease borrow();
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    void give_back(std::unique_ptr<Engine> engine);

    std::vector<std::string> paths_;
    ShardOptions shard_options_;
    std::string path_;  // paths_ for messages
    RankingParams params_;
    std::size_t size_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<Engine>> idle_;
    std::size_t open_ = 0;  // Engines existing, idle or lent
    std::uint64_t next_ticket_ = 0;  // handed to each borrow() as it arrives
    std::uint64_t serving_ = 0;      // the ticket whose turn it is
};

}  // namespace veille
