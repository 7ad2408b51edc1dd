// cli.hpp — CLI11 helpers both mains share: --db with $VEILLE_DB, parse errors → exit 2, --version.
#pragma once
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace veille {

// VEILLE_VERSION is project(veille VERSION …) in the top-level CMakeLists.txt, the one place it is set.
#ifndef VEILLE_VERSION
#error "VEILLE_VERSION must come from CMake (common/CMakeLists.txt)"
#endif
inline constexpr const char* kVersion = VEILLE_VERSION;

/// Adds --db DIR (default $VEILLE_DB, else ./veille.db) and --version.
inline void add_common_options(CLI::App& app, std::string& db) {
    const char* env = std::getenv("VEILLE_DB");
    db = env && *env ? env : "./veille.db";
    app.add_option("--db", db, "Database directory (default: $VEILLE_DB, else ./veille.db)");
    app.set_version_flag("--version", std::string("veille ") + kVersion);
}

/// Adds --db PATH, repeatable (default $VEILLE_DB, else ./veille.db), and --version: the databases
/// searched as one (directories, Xapian stub files, --shards directories).
inline void add_common_options(CLI::App& app, std::vector<std::string>& dbs) {
    const char* env = std::getenv("VEILLE_DB");
    dbs = {env && *env ? env : "./veille.db"};
    app.add_option("--db", dbs,
                   "Database directory, Xapian stub file, or directory of shards holding veille.stub; repeat it "
                   "to search several as one (default: $VEILLE_DB, else ./veille.db)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->allow_extra_args(false);
    app.set_version_flag("--version", std::string("veille ") + kVersion);
}

/// Parses the command line; returns an exit code when the program must stop (help: 0, error: 2).
/// Not CLI11_PARSE: its exit codes (100+) would break the documented ones.
inline std::optional<int> parse_args(CLI::App& app, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return e.get_exit_code() == 0 ? 0 : 2;
    }
    return std::nullopt;
}

}  // namespace veille
