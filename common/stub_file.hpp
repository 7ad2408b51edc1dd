// stub_file.hpp — Xapian stub database files: the list of shards searched as one database.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace veille {

/// The stub veille-index --shards N writes next to its shards: DIR/veille.stub.
inline constexpr std::string_view kStubName = "veille.stub";

/// The directory of shard `index` under a --shards directory: « shard-0 ».
std::string shard_directory_name(unsigned index);

/// One database line of a stub file, in Xapian 1.4's syntax: `auto PATH` (also `glass PATH`,
/// `chert PATH`; a relative PATH is relative to the stub file's directory) or `remote HOST:PORT`
/// (a xapian-tcpsrv). Blank lines and lines starting with '#' are skipped.
struct StubEntry {
    enum class Kind { Local, Remote };
    Kind kind = Kind::Local;
    std::string path;       ///< Local: the database directory, resolved against the stub's directory
    std::string host;       ///< Remote: host name or address
    unsigned port = 0;      ///< Remote: TCP port
    std::string where;      ///< « shards/veille.stub:2 », for messages
};

/// The entries of the stub file at `path`; throws DatabaseError naming `path:line` for a line
/// Xapian would not open either (unknown type, missing path, bad port) or for a stub with no database.
std::vector<StubEntry> read_stub(const std::string& path);

/// Writes DIR/veille.stub listing `auto shard-0` … `auto shard-(count-1)`, replacing it atomically.
/// Throws DatabaseError naming the file.
void write_stub(const std::string& dir, unsigned count);

}  // namespace veille
