// watch_store.hpp — saved searches (« veilles ») and what each has reported, beside the database.
// State: DIR/watches.json, replaced whole; writers lock DIR/watches.lock (flock). Why a file of its
// own rather than Xapian user metadata (veille-index holds the write lock while a watch runs): the .cpp.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace veille {

/// One saved search: the query as typed, with its --filter values, and what it has reported.
/// « veille-search watch add mistral --filter topic:IA "Mistral AI depuis janvier" » →
/// {name "mistral", query "Mistral AI depuis janvier", filters {"topic:IA"}}.
struct Watch {
    std::string name;
    std::string query;                 ///< as typed; date words are read again at each run
    std::vector<std::string> filters;  ///< "FIELD:VALUE", as given to --filter
    bool date_words = true;            ///< false when added with --no-date-words
    std::string created;               ///< RFC 3339 UTC: « 2026-12-07T06:00:00Z »
    std::string last_run;              ///< RFC 3339 UTC, empty before the first run
    std::map<std::string, std::string>
        reported;  ///< article id → RFC 3339 UTC time it was first reported
};

/// The watch as JSON: {"name","query","filters","date_words","created","last_run" (null before the
/// first run),"reported"}, "reported" being the id → time map (the stored state) or, with
/// `count_reported`, its size (`watch list --json`).
nlohmann::ordered_json watch_json(const Watch& watch, bool count_reported);

/// Throws UsageError unless `name` is 1 to 64 ASCII letters, digits, « - » or « _ » starting with a
/// letter or digit (names appear in URLs, /watch/NAME.atom, and in feed ids unescaped).
void check_watch_name(std::string_view name);

/// The directory holding the watches of the --db values `db`: the first one, or the directory of the
/// first when it is a stub file (several shards searched as one keep one set of watches).
std::string watch_directory(const std::vector<std::string>& db);

/// The current time as RFC 3339 UTC, to the second: « 2026-12-07T14:05:10Z ».
std::string utc_now();

/// The watches of the database directory `db`, read from DIR/watches.json (no file: no watches).
/// Reading takes no lock (the file is only ever replaced whole), so a read-only directory works.
/// Throws DatabaseError naming the file when it cannot be read or parsed.
std::vector<Watch> read_watches(const std::string& db);

/// The watch called `name` among `watches`; throws UsageError naming the known ones when absent.
const Watch& find_watch(const std::vector<Watch>& watches, std::string_view name);

/// Exclusive access to the watches of `db` for reading, changing and saving them: holds an flock on
/// DIR/watches.lock from construction to destruction, so that two `watch run` at once take turns.
class WatchStore {
public:
    /// Waits up to a minute for the lock; throws DatabaseError when it cannot be taken or the state
    /// read.
    explicit WatchStore(std::string db);
    ~WatchStore();
    WatchStore(const WatchStore&) = delete;
    WatchStore& operator=(const WatchStore&) = delete;

    [[nodiscard]] std::vector<Watch>& watches() { return watches_; }
    /// The watch called `name`; throws UsageError naming the known ones when absent.
    Watch& find(std::string_view name);
    /// Writes every watch to DIR/watches.json atomically (temporary file, fsync, rename, fsync of
    /// the directory). Throws DatabaseError naming the file on failure; the previous state is then
    /// intact.
    void save() const;

private:
    std::string db_;
    int lock_fd_ = -1;
    std::vector<Watch> watches_;
};

}  // namespace veille
