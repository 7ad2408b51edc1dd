// fuzz_document_data.cpp — libFuzzer target: any bytes read as stored document data and as a stored
// body (a damaged database): refused with veille::Error or read; what is read writes back and reads
// back the same.
#include "common/article.hpp"
#include "common/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    veille::Article a;
    try {
        a = veille::from_document_data(bytes);
    } catch (const veille::Error&) {
        a = {};
    }
    const std::string once = veille::to_document_data(a);
    if (veille::to_document_data(veille::from_document_data(once)) != once) __builtin_trap();
    try {
        const std::string body = veille::unpack_body(bytes);
        if (veille::unpack_body(veille::pack_body(body)) != body) __builtin_trap();
    } catch (const veille::Error&) {
    }
    return 0;
}
