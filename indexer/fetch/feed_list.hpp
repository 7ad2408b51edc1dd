// feed_list.hpp — the list of feeds to fetch: FEEDS.txt (one URL per line, # comments) or an OPML export.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/readers/reader.hpp"

namespace veille {

/// One feed of the list and the line it was listed on (for messages).
struct FeedSource {
    std::string url;       ///< « https://www.exemple.fr/rss.xml », as written (trimmed)
    std::size_t line = 0;  ///< 1-based line in the list file
};

/// The feeds of a list, in list order without repeats, and the lines that could not be used.
struct FeedList {
    std::vector<FeedSource> feeds;
    std::vector<Rejected> problems;  ///< {list file, line, reason}: « not an http(s) URL: 'ftp://…' »
};

/// Parses a feed list held in `content`; `name` is the list file, used in problems.
/// Plain text: one URL per line; blank lines and lines starting with '#' are skipped; a UTF-8 BOM
/// and CRLF line ends are accepted. OPML (content starting with '<'): every <outline xmlUrl="…">,
/// at any depth. Only http:// and https:// URLs with a host are kept; any other line is a problem
/// (« feeds.txt:3: not an http(s) URL: 'ftp://exemple.fr/flux' »). Never throws for bad content.
FeedList parse_feed_list(std::string_view content, const std::string& name);

/// Reads and parses the list file `path`; throws InputError when it cannot be opened or read.
FeedList read_feed_list(const std::string& path);

/// Empty when `url` is an absolute http(s) URL with a host and no spaces or control characters,
/// else why not (« not an http(s) URL », « no host in the URL »).
std::string url_problem(std::string_view url);

/// The host of an http(s) URL, lower-cased, without user info or port:
/// « https://User@Flux.Exemple.fr:8443/a » → « flux.exemple.fr ». Empty when there is none.
std::string url_host(std::string_view url);

}  // namespace veille
