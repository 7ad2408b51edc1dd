// pipeline.cpp — records are gathered in chunks; while the main thread writes chunk k, worker threads
// analyse and build chunk k+1, so analysis overlaps with Xapian's single-writer work.
#include "indexer/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <set>
#include <thread>
#include <variant>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/enrich.hpp"
#include "indexer/fetch/feed_indexing.hpp"
#include "indexer/prepare.hpp"
#include "indexer/shard_load.hpp"
#include "indexer/shard_set.hpp"
#include "indexer/writer.hpp"

namespace veille {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunkArticles = 256;
constexpr std::size_t kChunkBytes = 4u << 20;

class ChunkedRunner {
public:
    ChunkedRunner(const Enricher& enricher, unsigned threads, bool build_docs, std::string salt,
                  std::function<void(Built&&)> consume)
        : enricher_(enricher), threads_(std::max(1u, threads)), build_docs_(build_docs), salt_(std::move(salt)),
          consume_(std::move(consume)) {}

    void push(Record&& record, const std::string& file) {
        record = check_size(std::move(record), file);
        chunk_bytes_ += text_bytes(record);
        chunk_.push_back(std::move(record));
        if (chunk_.size() >= kChunkArticles || chunk_bytes_ >= kChunkBytes) flush();
    }

    void finish() {
        flush();
        drain();
    }

private:
    void flush() {
        if (chunk_.empty()) return;
        auto next = std::async(std::launch::async, [this, chunk = std::move(chunk_)]() mutable {
            return build_chunk(std::move(chunk));
        });
        chunk_.clear();
        chunk_bytes_ = 0;
        drain();
        pending_ = std::move(next);
    }

    void drain() {
        if (!pending_.valid()) return;
        for (auto& built : pending_.get()) consume_(std::move(built));
    }

    std::vector<Built> build_chunk(std::vector<Record> chunk) const {
        std::vector<Built> out(chunk.size());
        const unsigned workers = std::min<unsigned>(threads_, static_cast<unsigned>(chunk.size()));
        auto work = [&](std::size_t from, std::size_t to) {
            for (std::size_t i = from; i < to; ++i) out[i] = build_one(std::move(chunk[i]));
        };
        std::vector<std::thread> pool;
        const std::size_t per = (chunk.size() + workers - 1) / workers;
        for (unsigned w = 1; w < workers; ++w)
            pool.emplace_back(work, std::min(chunk.size(), w * per), std::min(chunk.size(), (w + 1) * per));
        work(0, std::min(chunk.size(), per));
        for (auto& t : pool) t.join();
        return out;
    }

    Built build_one(Record&& record) const { return prepare(std::move(record), enricher_, salt_, build_docs_); }

    const Enricher& enricher_;
    unsigned threads_;
    bool build_docs_;
    std::string salt_;
    std::function<void(Built&&)> consume_;
    std::vector<Record> chunk_;
    std::size_t chunk_bytes_ = 0;
    std::future<std::vector<Built>> pending_;
};

std::size_t total_size(const std::vector<std::string>& files) {
    std::size_t total = 0;
    std::error_code ec;
    for (const auto& f : files) {
        if (f == "-") continue;
        const auto size = fs::file_size(f, ec);
        if (!ec) total += size;
    }
    return total;
}

unsigned thread_count(unsigned requested) {
    if (requested) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

using Push = std::function<void(Record&&, const std::string& file)>;

// Reads every input, handing records to `push`; reports rejections through `reject`.
void read_all(const IndexOptions& opt, const Push& push, const std::function<void(Rejected&&)>& reject,
              const std::function<std::size_t()>& articles_done, Summary& summary) {
    std::vector<Rejected> problems;
    const auto files = list_inputs(opt.paths, problems);
    for (auto& p : problems) reject(std::move(p));
    Progress progress(total_size(files));
    for (const auto& file : files) {
        try {
            read_file(file, opt.format, [&](Record&& r) {
                if (const auto* a = std::get_if<Article>(&r)) {
                    // --shard I/N: another machine indexes this one. Records rejected by the reader
                    // have no id to route by and are reported by every shard.
                    if (opt.shard && !opt.shard->owns(a->id)) {
                        ++summary.other_shard;
                        return true;
                    }
                    summary.bytes += a->title.size() + a->body.size();
                }
                push(std::move(r), file);
                progress.update(articles_done(), summary.bytes);
                return true;
            });
        } catch (const InputError& e) {
            // e.what() is already "file: reason"; the Rejected adds the file again when printed.
            std::string reason = e.what();
            if (reason.rfind(file + ": ", 0) == 0) reason.erase(0, file.size() + 2);
            reject(Rejected{file, 0, std::move(reason)});
        }
    }
    progress.finish();
}

// Walks `root` with one directory_iterator per directory, so that an unreadable subdirectory is
// reported and skipped. (recursive_directory_iterator becomes its end iterator on such an error:
// the walk stopped there, silently dropping every entry after it in readdir order; issue 7.)
// Hidden entries are skipped, directories included (.git, .cache); symbolic links to directories
// are followed once, loops are reported.
void walk_directory(const fs::path& root, std::vector<std::string>& found, std::vector<Rejected>& problems) {
    std::set<fs::path> seen_dirs;
    std::vector<fs::path> pending{root};
    while (!pending.empty()) {
        const fs::path dir = std::move(pending.back());
        pending.pop_back();
        std::error_code ec;
        const auto canonical = fs::canonical(dir, ec);
        if (ec) {
            problems.push_back({dir.string(), 0, "cannot read directory: " + ec.message()});
            continue;
        }
        if (!seen_dirs.insert(canonical).second) {
            problems.push_back({dir.string(), 0, "symbolic link loop or repeated directory skipped"});
            continue;
        }
        fs::directory_iterator it(dir, ec);
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const auto name = it->path().filename().string();
            if (!name.empty() && name[0] == '.') continue;  // hidden: editor swaps, .DS_Store, .git
            std::error_code sec;
            if (it->is_directory(sec)) pending.push_back(it->path());
            else if (it->is_regular_file(sec)) found.push_back(it->path().string());
            else if (sec) problems.push_back({it->path().string(), 0, "cannot read: " + sec.message()});
            // Anything else (FIFO, socket, device) is not an article file and is never opened.
        }
        if (ec) problems.push_back({dir.string(), 0, "cannot read directory: " + ec.message()});
    }
}

// A bulk load (shards merged at the end, see shard_load.hpp) when nothing is lost by it: the database
// is empty, several threads may run, every record is wanted, and no commit rhythm was asked for
// (--batch-size: searches see a long load grow, and a killed run keeps its committed batches).
// With --shards N the run writes N databases on this one thread (no bulk load: its scratch shards
// would be shards of shards). Never with --feeds: a feed's state must be committed with its items,
// in the target database.
bool bulk_load(const IndexOptions& opt, ShardSet& writers, unsigned threads) {
    return threads > 1 && !opt.batch_size_given && opt.on_error == OnError::Skip && opt.delete_ids.empty() &&
           opt.feeds_file.empty() && writers.size() == 1 && writers.front().database().get_doccount() == 0;
}

}  // namespace

std::vector<std::string> list_inputs(const std::vector<std::string>& paths, std::vector<Rejected>& problems) {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        if (path == "-") {
            files.push_back(path);
            continue;
        }
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (!fs::exists(status)) {
            // EACCES on a parent is not "no such file" (issue 7: unreadable directories).
            problems.push_back({path, 0, ec && status.type() != fs::file_type::not_found ? "cannot read: " + ec.message()
                                                                                       : "no such file or directory"});
            continue;
        }
        if (!fs::is_directory(status)) {
            files.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        walk_directory(path, found, problems);
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

Summary run_indexing(const IndexOptions& opt, const Enricher& enricher) {
    const auto start = std::chrono::steady_clock::now();
    Summary summary;
    summary.sharded = opt.shard || opt.shards;
    ShardSet writers(opt, opt.batch_size);
    const unsigned threads = thread_count(opt.threads);
    auto reject = [&](Rejected&& r) {
        if (opt.on_error == OnError::Fail) {
            writers.commit();
            throw InputError(r.file, r.line, r.reason);
        }
        std::fprintf(stderr, "veille-index: %s\n", format_rejected(r).c_str());
        ++summary.rejected;
        summary.errors.push_back(std::move(r));
    };
    if (bulk_load(opt, writers, threads)) {
        ShardedLoad load(opt.db, threads, enricher, opt.data_salt, reject);
        read_all(
            opt, [&](Record&& r, const std::string& file) { load.push(std::move(r), file); }, reject,
            [&] { return load.done(); }, summary);
        load.finish(summary, [&] { writers.front().close(); });
        if (opt.shard) ShardSet::mark_after_bulk_load(opt.db, *opt.shard);
        summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return summary;
    }
    std::size_t done = 0;
    ChunkedRunner runner(enricher, threads, true, opt.data_salt, [&](Built&& built) {
        if (auto* r = std::get_if<Rejected>(&built)) return reject(std::move(*r));
        auto& p = std::get<Prepared>(built);
        switch (writers.writer_for(p.article.id)
                    .write(p.article.id, p.hash, p.doc, p.article.title.size() + p.article.body.size())) {
            case WriteOutcome::Indexed: ++summary.indexed; break;
            case WriteOutcome::Updated: ++summary.updated; break;
            case WriteOutcome::Unchanged: ++summary.unchanged; break;
        }
        ++done;
    });
    const auto push = [&](Record&& r, const std::string& file) { runner.push(std::move(r), file); };
    if (!opt.paths.empty()) read_all(opt, push, reject, [&] { return done; }, summary);
    runner.finish();
    // --feeds is refused with --shards (main.cpp): its feed state lives in the one database written.
    if (!opt.feeds_file.empty())
        index_feeds(opt, writers.front(), {push, [&] { runner.finish(); }, reject}, summary);
    for (const auto& id : opt.delete_ids) {
        if (opt.shard && !opt.shard->owns(id)) ++summary.other_shard;
        else if (writers.writer_for(id).remove(id)) ++summary.deleted;
    }
    writers.finish();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

Summary read_and_enrich(const IndexOptions& opt, const Enricher& enricher, const ArticleVisitor& visit) {
    const auto start = std::chrono::steady_clock::now();
    Summary summary;
    auto reject = [&](Rejected&& r) {
        std::fprintf(stderr, "veille-index: %s\n", format_rejected(r).c_str());
        ++summary.rejected;
        summary.errors.push_back(std::move(r));
    };
    std::size_t done = 0;
    ChunkedRunner runner(enricher, thread_count(opt.threads), false, opt.data_salt, [&](Built&& built) {
        if (auto* r = std::get_if<Rejected>(&built)) return reject(std::move(*r));
        visit(std::get<Prepared>(built).article);
        ++done;
        ++summary.indexed;
    });
    read_all(
        opt, [&](Record&& r, const std::string& file) { runner.push(std::move(r), file); }, reject,
        [&] { return done; }, summary);
    runner.finish();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace veille
