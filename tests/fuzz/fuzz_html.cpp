// fuzz_html.cpp — libFuzzer target: any bytes through the HTML reader and html_to_text.
#include "indexer/readers/html_text.hpp"
#include "indexer/readers/reader.hpp"
#include "tests/fuzz/article_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    veille::read_buffer(content, "fuzz.html", veille::Format::Html, veille::fuzz::check_storable);
    (void)veille::html_to_text(content);
    return 0;
}
