// fuzz_date.cpp — libFuzzer target: any bytes through the metadata, prose and query date parsers.
#include "common/extract/date_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // Whatever is found must be a real date, and a prose span must lie inside the text.
    if (const auto d = veille::parse_metadata_date(text); d && !d->valid()) __builtin_trap();
    if (const auto d = veille::parse_french_date(text); d && !d->valid()) __builtin_trap();
    if (const auto t = veille::find_date_in_text(text); t && (!t->date.valid() || t->begin >= t->end || t->end > size))
        __builtin_trap();
    if (const auto t = veille::find_date_in_text(text, 2024); t && (!t->date.valid() || t->end > size)) __builtin_trap();
    (void)veille::french_month(text);
    return 0;
}
