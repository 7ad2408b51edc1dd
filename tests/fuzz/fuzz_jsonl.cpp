// fuzz_jsonl.cpp — libFuzzer target: any bytes through the JSONL reader (and Auto detection).
#include "indexer/readers/reader.hpp"
#include "tests/fuzz/article_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    veille::read_buffer(content, "fuzz.jsonl", veille::Format::Jsonl, veille::fuzz::check_storable);
    veille::read_buffer(content, "fuzz", veille::Format::Auto, veille::fuzz::check_storable);
    return 0;
}
