// fuzz_document_data.cpp — libFuzzer target: any bytes read as stored document data (a damaged
// database): refused with veille::Error or read; what is read writes back and reads back the same.
#include "common/article.hpp"
#include "common/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    veille::Article a;
    try {
        a = veille::from_document_data(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const veille::Error&) {
        return 0;
    }
    const std::string once = veille::to_document_data(a);
    if (veille::to_document_data(veille::from_document_data(once)) != once) __builtin_trap();
    return 0;
}
