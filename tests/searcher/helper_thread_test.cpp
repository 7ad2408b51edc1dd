// helper_thread_test.cpp — the search's second thread: tasks in order, errors reported, shared jobs
// done exactly once whichever thread arrives first.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "searcher/match/helper_thread.hpp"

TEST_CASE("the helper thread runs tasks in the order they are posted", "[searcher][helper]") {
    std::vector<int> order;
    std::vector<std::future<void>> done;
    {
        veille::HelperThread helper;
        for (int i = 0; i < 50; ++i) done.push_back(helper.post([&order, i] { order.push_back(i); }));
        done.back().get();
    }
    REQUIRE(order.size() == 50);
    for (int i = 0; i < 50; ++i) CHECK(order[static_cast<std::size_t>(i)] == i);
}

TEST_CASE("an error in a helper task reaches the thread waiting for it", "[searcher][helper]") {
    veille::HelperThread helper;
    auto failed = helper.post([] { throw std::runtime_error("base modifiée pendant le comptage"); });
    CHECK_THROWS_WITH(failed.get(), "base modifiée pendant le comptage");
    // The thread survives its task's error.
    bool ran = false;
    helper.post([&] { ran = true; }).get();
    CHECK(ran);
}

TEST_CASE("shared jobs are each done once, the helper waiting for them to be published", "[searcher][helper]") {
    veille::HelperThread helper;
    std::atomic<int> second_publish{0};
    for (int round = 0; round < 20; ++round) {
        veille::SharedJobs jobs;
        std::vector<std::atomic<int>> done_by(200);
        auto helped = helper.post([&] { jobs.take_all(); });  // usually arrives before publish()
        jobs.publish(done_by.size(), [&](std::size_t i) { ++done_by[i]; });
        jobs.publish(3, [&](std::size_t) { ++second_publish; });  // ignored: only the first call counts
        jobs.take_all();
        helped.get();
        for (const auto& d : done_by) REQUIRE(d.load() == 1);
    }
    CHECK(second_publish.load() == 0);
}

TEST_CASE("publishing no jobs releases a waiting helper", "[searcher][helper]") {
    veille::HelperThread helper;
    veille::SharedJobs jobs;
    auto helped = helper.post([&] { jobs.take_all(); });
    jobs.publish(0, {});
    CHECK(helped.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
}
