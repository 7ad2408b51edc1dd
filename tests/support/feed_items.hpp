// feed_items.hpp — what the feed tests serve and how they run veille-index --feeds: four short
// French tech-news items (each holding a word no other has), RSS and Atom built from them, and the
// run's common arguments.
#pragma once
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/support/feed_server.hpp"
#include "tests/support/run_binary.hpp"

namespace veille::test {

struct FeedItem {
    std::string guid;
    std::string title;
    std::string text;
    std::string link;
};

/// Each holds a word found in no other item (grues, sodium, voies, Isère).
extern const FeedItem kGrues, kSodium, kRails, kRiviere;

/// An RSS 2.0 channel in French holding `items`.
std::string rss(const std::string& channel, const std::vector<FeedItem>& items);
/// An Atom feed in French holding `entries`.
std::string atom(const std::string& title, const std::vector<FeedItem>& entries);
/// Answers `body` as an RSS document.
void serve_xml(httplib::Response& res, const std::string& body);
/// A request header as the server saw it, "" when absent.
std::string header(const SeenRequest& r, const char* name);
/// The --json summary's entry for `url`; throws std::runtime_error when absent.
nlohmann::json feed_entry(const nlohmann::json& summary, const std::string& url);
/// veille-index with `args`, proxies off (one set in the environment would receive 127.0.0.1's
/// requests).
RunResult index_feeds(const std::vector<std::string>& args);
/// The arguments every run shares: --db, --json, --feeds and no delay between requests (the
/// politeness test sets its own), then `more`.
std::vector<std::string> fetch_args(const std::string& db, const std::string& feeds,
                                    std::vector<std::string> more = {});

}  // namespace veille::test
