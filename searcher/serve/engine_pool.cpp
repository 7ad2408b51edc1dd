// engine_pool.cpp — one Engine per concurrent request rather than one Engine behind a mutex: requests
// then run in parallel, each Engine reopening its own handles when veille-index commits (Engine::search),
// so every request sees a whole commit and new commits without a restart.
#include "searcher/serve/engine_pool.hpp"

namespace veille {

EnginePool::EnginePool(std::vector<std::string> paths, RankingParams params, std::size_t size, ShardOptions shards)
    : paths_(std::move(paths)), shard_options_(shards), path_(describe_paths(paths_)), params_(params), size_(size == 0 ? 1 : size) {}

EnginePool::Lease::~Lease() {
    if (pool_) pool_->give_back(std::move(engine_));
}

EnginePool::Lease EnginePool::borrow() {
    std::unique_lock lock(mutex_);
    // In arrival order: a condition variable wakes whichever waiter it likes, and with 32 requests
    // waiting for 2 Engines some waited over a second while later ones went first.
    const std::uint64_t ticket = next_ticket_++;
    freed_.wait(lock, [&] { return ticket == serving_ && (!idle_.empty() || open_ < size_); });
    ++serving_;
    freed_.notify_all();  // the next ticket may go too, if another Engine is free
    if (!idle_.empty()) {
        std::unique_ptr<Engine> engine = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(engine));
    }
    ++open_;
    lock.unlock();
    // Opening reads the database's first blocks: done outside the lock so that others go on meanwhile.
    try {
        return Lease(*this, std::make_unique<Engine>(paths_, params_, shard_options_));
    } catch (...) {
        give_back(nullptr);
        throw;
    }
}

void EnginePool::give_back(std::unique_ptr<Engine> engine) {
    {
        std::lock_guard lock(mutex_);
        if (engine) idle_.push_back(std::move(engine));
        else --open_;
    }
    freed_.notify_all();  // only the oldest ticket may take it
}

}  // namespace veille
