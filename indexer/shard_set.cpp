// shard_set.cpp — the shard mark is checked when a writer opens, before anything is written, so that a
// wrong --shard (or a forgotten one) costs nothing; --shards refuses directories it did not write.
#include "indexer/shard_set.hpp"

#include <filesystem>

#include "common/error.hpp"
#include "common/shard.hpp"
#include "common/stub_file.hpp"

namespace veille {

namespace fs = std::filesystem;

namespace {

// Checks (and on an empty database sets) the shard mark of `db` against `spec` (nullopt: a whole database).
void check_mark(Xapian::WritableDatabase& db, const std::string& path, const std::optional<ShardSpec>& spec) {
    const std::string key(kShardKey);
    const std::string stored = db.get_metadata(key);
    if (stored.empty()) {
        if (!spec) return;
        if (db.get_doccount() != 0)
            throw DatabaseError(path, "holds articles of every shard; --shard " + spec->text() +
                                          " needs a new database (or one written with --shard " + spec->text() + ")");
        db.set_metadata(key, spec->text());
        return;
    }
    if (!spec)
        throw DatabaseError(path, "is shard " + stored + " of a partition: give --shard " + stored +
                                      " (ids of other shards are then left out)");
    if (stored != spec->text())
        throw DatabaseError(path, "is shard " + stored + ", not " + spec->text() +
                                      "; the partition of a database cannot change: re-index into a new one");
}

// DIR for --shards N: new, empty, or holding exactly what --shards N writes.
void check_shard_directory(const std::string& dir, unsigned count) {
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw DatabaseError(dir, "not a directory (--shards writes a directory of shards)");
    if (fs::exists(fs::path(dir) / "iamglass", ec))
        throw DatabaseError(dir, "is a single database; --shards " + std::to_string(count) +
                                     " needs a new directory (or one written by --shards)");
    const fs::path stub = fs::path(dir) / kStubName;
    if (fs::exists(stub, ec)) {
        const auto entries = read_stub(stub.string());
        if (entries.size() != count)
            throw DatabaseError(dir, "holds " + std::to_string(entries.size()) + " shards, not " + std::to_string(count) +
                                         "; ids would move between shards: re-index into a new directory");
    }
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        bool ours = name == kStubName;
        for (unsigned i = 0; i < count && !ours; ++i) ours = name == shard_directory_name(i);
        if (!ours)
            throw DatabaseError(dir, "holds '" + name + "', which --shards did not write; give a new or empty directory");
    }
}

}  // namespace

ShardSet::ShardSet(const IndexOptions& opt, std::size_t batch_size) : opt_(opt) {
    if (opt.shards == 0) {
        writers_.push_back(std::make_unique<BatchWriter>(opt.db, batch_size));
        check_mark(writers_.back()->database(), opt.db, opt.shard);
        return;
    }
    check_shard_directory(opt.db, opt.shards);
    std::error_code ec;
    fs::create_directories(opt.db, ec);
    if (ec) throw DatabaseError(opt.db, "cannot create directory: " + ec.message());
    for (unsigned i = 0; i < opt.shards; ++i) {
        const std::string path = (fs::path(opt.db) / shard_directory_name(i)).string();
        writers_.push_back(std::make_unique<BatchWriter>(path, batch_size));
        check_mark(writers_.back()->database(), path, ShardSpec{i, opt.shards});
    }
}

ShardSet::~ShardSet() = default;

BatchWriter& ShardSet::writer_for(std::string_view id) {
    return writers_.size() == 1 ? *writers_.front() : *writers_[shard_of(id, static_cast<unsigned>(writers_.size()))];
}

void ShardSet::commit() {
    for (auto& w : writers_) w->commit();
}

void ShardSet::finish() {
    commit();
    if (opt_.shards) write_stub(opt_.db, opt_.shards);
}

void ShardSet::mark_after_bulk_load(const std::string& path, const ShardSpec& spec) {
    BatchWriter writer(path, 1);
    try {
        writer.database().set_metadata(std::string(kShardKey), spec.text());
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path, "cannot mark shard: " + e.get_description());
    }
    writer.commit();
}

}  // namespace veille
