// summary.cpp — formatting of run results.
#include "indexer/summary.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace veille {

std::string format_rejected(const Rejected& r) {
    return r.file + (r.line ? ":" + std::to_string(r.line) : std::string()) + ": " + r.reason;
}

std::string summary_json(const Summary& s) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : s.errors) errors.push_back({{"file", e.file}, {"line", e.line}, {"reason", e.reason}});
    nlohmann::ordered_json j;
    j["indexed"] = s.indexed;
    j["updated"] = s.updated;
    j["unchanged"] = s.unchanged;
    j["deleted"] = s.deleted;
    j["rejected"] = s.rejected;
    if (s.sharded) j["other_shard"] = s.other_shard;
    j["errors"] = errors;
    if (s.fetched_feeds) {
        nlohmann::ordered_json feeds = nlohmann::ordered_json::array();
        for (const auto& f : s.feeds) {
            nlohmann::ordered_json feed;
            feed["url"] = f.url;
            feed["status"] = f.status;
            feed["new"] = f.new_items;
            feed["error"] = f.error ? nlohmann::ordered_json(*f.error) : nlohmann::ordered_json(nullptr);
            feeds.push_back(std::move(feed));
        }
        j["feeds"] = std::move(feeds);
    }
    j["seconds"] = static_cast<double>(static_cast<long long>(s.seconds * 1000 + 0.5)) / 1000.0;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::size_t Summary::failed_feeds() const {
    return static_cast<std::size_t>(std::count_if(feeds.begin(), feeds.end(), [](const FeedOutcome& f) { return f.error.has_value(); }));
}

std::string summary_text(const Summary& s) {
    char buf[320];
    const double secs = s.seconds > 0 ? s.seconds : 1e-9;
    const std::size_t articles = s.indexed + s.updated + s.unchanged;
    std::string extra = s.sharded ? ", other shards " + std::to_string(s.other_shard) : std::string();
    if (s.fetched_feeds)
        extra += ", feeds " + std::to_string(s.feeds.size()) + " (" + std::to_string(s.failed_feeds()) + " failed)";
    std::snprintf(buf, sizeof buf,
                  "indexed %zu, updated %zu, unchanged %zu, deleted %zu, rejected %zu%s in %.2f s "
                  "(%.0f articles/s, %.1f MB/s)",
                  s.indexed, s.updated, s.unchanged, s.deleted, s.rejected, extra.c_str(), s.seconds, articles / secs,
                  s.bytes / secs / 1e6);
    return buf;
}

Progress::Progress(std::size_t total_bytes)
    : enabled_(::isatty(STDERR_FILENO) == 1), total_(total_bytes), start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t articles, std::size_t bytes) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? bytes / secs : 0;
    char eta[32] = "";
    if (total_ && rate > 0 && bytes <= total_) std::snprintf(eta, sizeof eta, ", ETA %.0f s", (total_ - bytes) / rate);
    const int width = 30;
    const int filled = total_ ? static_cast<int>(width * std::min(1.0, double(bytes) / double(total_))) : 0;
    std::fprintf(stderr, "\r[%.*s%*s] %zu articles, %.0f/s, %.1f MB/s%s   ", filled,
                 "##############################", width - filled, "", articles, secs > 0 ? articles / secs : 0.0,
                 rate / 1e6, eta);
    std::fflush(stderr);
    drawn_ = true;
}

void Progress::finish() {
    if (drawn_) std::fprintf(stderr, "\r%*s\r", 100, "");
    drawn_ = false;
}

}  // namespace veille
