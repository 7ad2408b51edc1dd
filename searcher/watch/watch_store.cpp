// watch_store.cpp — the watches as one JSON file in the database directory, replaced atomically.
//
// Why a file beside Xapian's tables rather than Xapian user metadata: metadata is written through a
// WritableDatabase, whose lock veille-index holds for a whole indexing run (minutes for a large
// one), so `watch run` or `watch add` would fail or wait whenever an indexer runs, and `serve`
// (read-only, sandboxed with the database read-only) could not even keep the lock file. A file of
// our own is read without any lock (it is only ever replaced whole: temporary file, fsync, rename,
// fsync of the directory, so a reader sees the old state or the new one), and writers take turns on
// DIR/watches.lock (flock: released by the kernel when a process dies, so a killed run never leaves
// it stuck). It lives in the database directory, so it goes with the database (copied, backed up or
// removed with it) and survives re-indexing: veille-index only replaces the directory in a bulk
// load into an empty database, and then carries these files over under the same flock
// (indexer/shard_load.cpp, kCompanionFiles).
#include "searcher/watch/watch_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/database.hpp"
#include "common/error.hpp"
#include "common/text/ascii.hpp"

namespace veille {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr int kFormatVersion = 1;
constexpr std::size_t kMaxNameBytes = 64;
constexpr auto kLockWait = std::chrono::seconds(60);

std::string state_path(const std::string& db) { return (fs::path(db) / kWatchStateFile).string(); }

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

Watch from_json(const Json& j) {
    Watch w;
    w.name = j.at("name").get<std::string>();
    check_watch_name(w.name);
    w.query = j.at("query").get<std::string>();
    w.filters = j.at("filters").get<std::vector<std::string>>();
    w.date_words = j.value("date_words", true);
    w.created = j.value("created", std::string());
    if (j.contains("last_run") && !j.at("last_run").is_null())
        w.last_run = j.at("last_run").get<std::string>();
    for (const auto& [id, when] : j.at("reported").items())
        w.reported.emplace(id, when.get<std::string>());
    return w;
}

std::vector<Watch> parse_state(const std::string& text, const std::string& path) {
    try {
        const Json j = Json::parse(text);
        if (j.value("version", 0) != kFormatVersion)
            throw DatabaseError(path, "watch state of an unknown version (expected " +
                                          std::to_string(kFormatVersion) + ")");
        std::vector<Watch> watches;
        for (const Json& w : j.at("watches")) watches.push_back(from_json(w));
        return watches;
    } catch (const nlohmann::json::exception& e) {
        throw DatabaseError(path, std::string("damaged watch state: ") + e.what());
    } catch (const UsageError& e) {
        throw DatabaseError(path, std::string("damaged watch state: ") + e.what());
    }
}

// Writes all of `data` to `fd`, retrying short writes and interruptions.
bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// The watch called `name` in `watches` (const or not); throws UsageError naming the known ones.
template <class Watches>
auto& named(Watches& watches, std::string_view name) {
    check_watch_name(name);
    std::string known;
    for (auto& w : watches) {
        if (w.name == name) return w;
        known += (known.empty() ? "" : ", ") + w.name;
    }
    throw UsageError("no watch named '" + std::string(name) + "' (" +
                     (known.empty() ? "no watches yet; add one with: watch add NAME QUERY"
                                    : "watches: " + known) +
                     ")");
}

}  // namespace

Json watch_json(const Watch& w, bool count_reported) {
    Json j;
    j["name"] = w.name;
    j["query"] = w.query;
    j["filters"] = w.filters;
    j["date_words"] = w.date_words;
    j["created"] = w.created;
    j["last_run"] = w.last_run.empty() ? Json(nullptr) : Json(w.last_run);
    j["reported"] = count_reported ? Json(w.reported.size()) : Json(w.reported);
    return j;
}

void check_watch_name(std::string_view name) {
    bool ok = !name.empty() && name.size() <= kMaxNameBytes && is_ascii_alnum(name.front());
    for (const char c : name) ok = ok && (is_ascii_alnum(c) || c == '-' || c == '_');
    if (!ok)
        throw UsageError(
            "bad watch name '" + std::string(name) +
            "': use 1 to 64 letters a-z A-Z, digits, '-' or '_', starting with a letter or digit");
}

std::string watch_directory(const std::vector<std::string>& db) {
    if (db.empty()) throw UsageError("watch: no --db");
    std::error_code ec;
    if (fs::is_regular_file(db.front(), ec)) {
        const fs::path parent = fs::path(db.front()).parent_path();
        return parent.empty() ? "." : parent.string();
    }
    return db.front();
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::vector<Watch> read_watches(const std::string& db) {
    const std::string path = state_path(db);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::error_code ec;
        if (!fs::exists(path, ec)) return {};
        throw DatabaseError(path, "cannot read the watch state");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_state(text.str(), path);
}

const Watch& find_watch(const std::vector<Watch>& watches, std::string_view name) {
    return named(watches, name);
}

WatchStore::WatchStore(std::string db) : db_(std::move(db)) {
    const std::string lock_path = (fs::path(db_) / kWatchLockFile).string();
    lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0) throw DatabaseError(lock_path, system_error("cannot open the watch lock"));
    // Polling rather than a blocking flock: a stuck holder gives an error after a minute instead of
    // a cron job that never ends.
    const auto give_up = std::chrono::steady_clock::now() + kLockWait;
    while (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const std::string why = system_error("cannot lock the watch state");
            ::close(lock_fd_);
            throw DatabaseError(lock_path, why);
        }
        if (std::chrono::steady_clock::now() > give_up) {
            ::close(lock_fd_);
            throw DatabaseError(
                lock_path, "the watch state stayed locked by another veille-search for a minute");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    try {
        watches_ = read_watches(db_);
    } catch (...) {
        ::close(lock_fd_);
        throw;
    }
}

WatchStore::~WatchStore() { ::close(lock_fd_); }  // closing releases the flock

Watch& WatchStore::find(std::string_view name) { return named(watches_, name); }

void WatchStore::save() const {
    Json j;
    j["version"] = kFormatVersion;
    j["watches"] = Json::array();
    for (const Watch& w : watches_) j["watches"].push_back(watch_json(w, false));
    const std::string text = j.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";

    const std::string path = state_path(db_);
    const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw DatabaseError(temporary, system_error("cannot write the watch state"));
    const bool written = write_all(fd, text) && ::fsync(fd) == 0;
    const std::string why = written ? std::string() : system_error("cannot write the watch state");
    if (::close(fd) != 0 || !written) {
        ::unlink(temporary.c_str());
        throw DatabaseError(temporary,
                            why.empty() ? system_error("cannot write the watch state") : why);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string error = system_error("cannot replace the watch state");
        ::unlink(temporary.c_str());
        throw DatabaseError(path, error);
    }
    // The rename itself is durable only once the directory is synced.
    const int dir = ::open(db_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

}  // namespace veille
