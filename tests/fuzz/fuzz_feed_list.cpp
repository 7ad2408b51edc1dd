// fuzz_feed_list.cpp — libFuzzer target: any bytes as a FEEDS.txt or OPML feed list. Every feed kept
// must be fetchable (http(s), a host, valid UTF-8, listed once) and every problem a one-line message.
#include "indexer/fetch/feed_list.hpp"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "common/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    const veille::FeedList list = veille::parse_feed_list(content, "fuzz-feeds.txt");
    std::set<std::string> seen;
    for (const auto& feed : list.feeds) {
        const bool good = veille::url_problem(feed.url).empty() && !veille::url_host(feed.url).empty() &&
                          !veille::invalid_utf8_offset(feed.url) && feed.line >= 1 && seen.insert(feed.url).second;
        if (!good) __builtin_trap();
    }
    for (const auto& problem : list.problems) {
        const bool good = problem.file == "fuzz-feeds.txt" && problem.line >= 1 && !problem.reason.empty() &&
                          !veille::invalid_utf8_offset(problem.reason) &&
                          problem.reason.find('\n') == std::string::npos;
        if (!good) __builtin_trap();
    }
    return 0;
}
