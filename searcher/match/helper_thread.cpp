// helper_thread.cpp — a task queue under one mutex; shared jobs handed out by an atomic counter.
#include "searcher/match/helper_thread.hpp"

namespace veille {

HelperThread::HelperThread() : thread_([this] { run(); }) {}

HelperThread::~HelperThread() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

std::future<void> HelperThread::post(std::function<void()> task) {
    std::packaged_task<void()> packaged(std::move(task));
    std::future<void> done = packaged.get_future();
    {
        const std::lock_guard lock(mutex_);
        tasks_.push(std::move(packaged));
    }
    wake_.notify_one();
    return done;
}

void HelperThread::run() {
    for (;;) {
        std::packaged_task<void()> task;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (tasks_.empty()) return;  // stopping, nothing left
            task = std::move(tasks_.front());
            tasks_.pop();
        }
        task();  // an exception is stored in the task's future
    }
}

void SharedJobs::publish(std::size_t n, std::function<void(std::size_t)> work) {
    {
        const std::lock_guard lock(mutex_);
        if (published_) return;
        count_ = n;
        work_ = std::move(work);
        published_ = true;
    }
    published_cv_.notify_all();
}

void SharedJobs::take_all() {
    {
        std::unique_lock lock(mutex_);
        published_cv_.wait(lock, [this] { return published_; });
    }
    // count_ and work_ no longer change once published_ is seen under the mutex.
    for (std::size_t i = next_++; i < count_; i = next_++) work_(i);
}

}  // namespace veille
