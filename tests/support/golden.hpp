// golden.hpp — compare a binary's --json output with a checked-in file of tests/golden/, volatile
// fields masked; VEILLE_UPDATE_GOLDEN=1 rewrites the file instead.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace veille::test {

/// What varies from run to run and is masked before comparing: the values of `keys` (anywhere in
/// the document) become "<masked>", and each of `paths` inside a string becomes `<name>` as given.
struct GoldenMask {
    std::vector<std::string> keys{"took_ms", "seconds"};
    std::vector<std::pair<std::string, std::string>> paths;  ///< {"/tmp/veille-test-…/db", "<db>"}
};

/// `json_text` (one JSON document), masked, pretty-printed in its own key order, against
/// tests/golden/`name`. A difference fails the current test with a unified diff (golden → actual);
/// a missing file fails too. With VEILLE_UPDATE_GOLDEN=1 in the environment the file is written
/// instead and the test passes with a warning.
void check_golden(const std::string& name, const std::string& json_text, const GoldenMask& mask = {});

}  // namespace veille::test
