// helper_thread.hpp — the second core's share of a search: one long-lived thread, and a set of jobs
// that two threads take turns on.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <future>
#include <mutex>
#include <queue>
#include <thread>

namespace veille {

/// One background thread running posted tasks in order. It lives as long as the engine, so its
/// per-thread caches (word forms, the ICU word breaker) stay warm from one search to the next.
class HelperThread {
public:
    HelperThread();
    /// Runs the tasks already posted, then joins.
    ~HelperThread();
    HelperThread(const HelperThread&) = delete;
    HelperThread& operator=(const HelperThread&) = delete;

    /// Runs `task` after the tasks posted before it; the future reports its end or its exception.
    std::future<void> post(std::function<void()> task);

private:
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::queue<std::packaged_task<void()>> tasks_;
    bool stopping_ = false;
    std::thread thread_;  // last: starts once the members it uses exist
};

/// Items 0…n-1 shared by the threads that call take_all(): each item is processed once, by
/// whichever thread takes it first. A thread arriving before publish() waits for it.
class SharedJobs {
public:
    /// Makes `n` items available to `work(i)`. Only the first call counts: publish(0, {}) on an
    /// error path releases the waiting threads.
    void publish(std::size_t n, std::function<void(std::size_t)> work);
    /// Waits for publish(), then processes items until none is left.
    void take_all();

private:
    std::mutex mutex_;
    std::condition_variable published_cv_;
    bool published_ = false;
    std::size_t count_ = 0;
    std::function<void(std::size_t)> work_;
    std::atomic<std::size_t> next_{0};
};

}  // namespace veille
