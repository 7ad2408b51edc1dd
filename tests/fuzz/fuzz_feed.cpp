// fuzz_feed.cpp — libFuzzer target: any bytes through the RSS/Atom reader.
#include "indexer/readers/reader.hpp"
#include "tests/fuzz/article_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    veille::read_buffer(content, "fuzz.rss", veille::Format::Feed, veille::fuzz::check_storable);
    return 0;
}
