// stub_file.cpp — the stub is read here rather than only by Xapian so that each shard can be opened
// on its own: its schema version checked, its revision known (Database::get_revision() refuses a
// database of several shards) and a failing shard named in messages.
#include "common/stub_file.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.hpp"
#include "common/text/ascii.hpp"

namespace veille {

namespace fs = std::filesystem;

std::string shard_directory_name(unsigned index) { return "shard-" + std::to_string(index); }

std::vector<StubEntry> read_stub(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw DatabaseError(path, "cannot read stub file");
    const fs::path base = fs::path(path).parent_path();
    std::vector<StubEntry> out;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string text(trim(line));
        if (text.empty() || text[0] == '#') continue;
        const auto space = text.find_first_of(" \t");
        const std::string type = text.substr(0, space);
        const std::string arg = space == std::string::npos ? std::string() : std::string(trim(std::string_view(text).substr(space)));
        StubEntry e;
        e.where = path + ":" + std::to_string(number);
        const auto bad = [&](const std::string& why) {
            return DatabaseError(e.where, why + " (stub lines: 'auto PATH' or 'remote HOST:PORT'), got '" + text + "'");
        };
        if (type == "auto" || type == "glass" || type == "chert") {
            if (arg.empty()) throw bad("missing database path");
            const fs::path p(arg);
            e.path = (p.is_absolute() ? p : base / p).lexically_normal().string();
        } else if (type == "remote") {
            // Xapian 1.4 reads « remote :PROGRAM ARGS » (a pipe) or « remote HOST:PORT » (TCP); veille
            // takes only the second, the one xapian-tcpsrv serves.
            const auto colon = arg.rfind(':');
            if (colon == std::string::npos || colon == 0) throw bad("remote shards are HOST:PORT");
            e.kind = StubEntry::Kind::Remote;
            e.host = arg.substr(0, colon);
            const std::string port = arg.substr(colon + 1);
            const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), e.port);
            if (ec != std::errc() || end != port.data() + port.size() || e.port == 0 || e.port > 65535)
                throw bad("bad port");
        } else {
            throw bad("unknown database type '" + type + "'");
        }
        out.push_back(std::move(e));
    }
    if (out.empty()) throw DatabaseError(path, "stub file lists no database");
    return out;
}

void write_stub(const std::string& dir, unsigned count) {
    const fs::path target = fs::path(dir) / kStubName;
    const fs::path tmp = fs::path(dir) / (std::string(kStubName) + ".tmp");
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "# veille shards, searched as one: veille-search --db " << target.string() << "\n";
        for (unsigned i = 0; i < count; ++i) out << "auto " << shard_directory_name(i) << "\n";
        out.flush();
        if (!out) throw DatabaseError(tmp.string(), "cannot write stub file");
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) throw DatabaseError(target.string(), "cannot write stub file: " + ec.message());
}

}  // namespace veille
