// golden.cpp — masking, the comparison, and the diff shown on failure (diff -u, from diffutils,
// which Debian always installs: a unified diff names the changed score or field in context).
#include "tests/support/golden.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace veille::test {
namespace {

using Json = nlohmann::ordered_json;  // keeps the binary's key order, so the file reads like its output

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    if (from.empty()) return;
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

void mask_in_place(Json& j, const GoldenMask& mask) {
    if (j.is_object()) {
        for (auto& [key, value] : j.items()) {
            if (std::find(mask.keys.begin(), mask.keys.end(), key) != mask.keys.end()) value = "<masked>";
            else mask_in_place(value, mask);
        }
    } else if (j.is_array()) {
        for (auto& value : j) mask_in_place(value, mask);
    } else if (j.is_string()) {
        auto s = j.get<std::string>();
        for (const auto& [path, name] : mask.paths) replace_all(s, path, name);
        j = s;
    }
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool updating() {
    const char* update = std::getenv("VEILLE_UPDATE_GOLDEN");
    return update && std::string(update) == "1";
}

}  // namespace

void check_golden(const std::string& name, const std::string& json_text, const GoldenMask& mask) {
    Json j;
    try {
        j = Json::parse(json_text);
    } catch (const Json::parse_error& e) {
        FAIL("not JSON (" << e.what() << "): " << json_text);
    }
    mask_in_place(j, mask);
    const std::string actual = j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    const std::string golden = source_file("tests/golden/" + name);
    if (updating()) {
        std::ofstream(golden, std::ios::binary) << actual;
        WARN("VEILLE_UPDATE_GOLDEN=1: wrote " << golden);
        return;
    }
    const std::string expected = slurp(golden);
    if (expected == actual) {
        SUCCEED(name);
        return;
    }
    const TempDir dir;
    const auto diff = run_binary("/usr/bin/diff", {"-u", "--label", "tests/golden/" + name, "--label", "actual", golden,
                                                   dir.write(name, actual)});
    FAIL((expected.empty() ? "missing or empty golden file " + golden + "\n" : std::string()) << diff.out
         << "(VEILLE_UPDATE_GOLDEN=1 rewrites tests/golden/ from the actual output, for a change meant to alter it)");
}

}  // namespace veille::test
