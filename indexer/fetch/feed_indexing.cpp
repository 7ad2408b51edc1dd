// feed_indexing.cpp — the fetch loop. Feed items go through the same reader and the same
// analysis/writing as feed files (read_buffer on the fetched bytes, named by the feed URL); what this
// file adds is per-feed bookkeeping: validators, new-item counts, failures that do not stop the run.
#include "indexer/fetch/feed_indexing.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <variant>
#include <vector>

#include "common/error.hpp"
#include "indexer/fetch/feed_fetcher.hpp"
#include "indexer/fetch/feed_list.hpp"
#include "indexer/writer.hpp"

namespace veille {

namespace {

// read_feed reports a document it cannot read at all (malformed XML, not RSS/Atom, binary or UTF-16
// bytes) as its only record, with a reason of its own; rejected items always name their element
// (« <item> 3 has no title and no text »). Such a feed is a failed feed, not a rejected record.
const Rejected* whole_feed_rejection(const std::vector<Record>& records) {
    if (records.size() != 1) return nullptr;
    const auto* r = std::get_if<Rejected>(&records.front());
    return r && !r->reason.starts_with("<") ? r : nullptr;
}

bool is_html(const std::string& content_type) {
    return content_type.empty() || content_type.find("html") != std::string::npos;
}

// Feeds often carry only a summary: the page's main text (the HTML reader's) replaces it when it is
// longer. The item keeps its feed identity (id, URL, source), and its feed title and date, which are
// metadata, over what the page suggests.
std::string add_page_text(FeedFetcher& fetcher, Article& item) {
    HttpResponse page = fetcher.fetch_page(item.url);
    if (!page.error.empty()) return page.error;
    if (!is_html(page.content_type)) return "not an HTML page (" + page.content_type + ")";
    std::string problem = "no article text in the page";
    read_buffer(page.body, item.url, Format::Html, [&](Record&& r) {
        if (auto* rejected = std::get_if<Rejected>(&r)) {
            problem = rejected->reason;
            return false;
        }
        auto& from_page = std::get<Article>(r);
        problem.clear();
        if (from_page.body.size() > item.body.size()) item.body = std::move(from_page.body);
        if (item.title.empty()) item.title = std::move(from_page.title);
        if (!item.date) {
            item.date = from_page.date;
            item.date_origin = from_page.date_origin;
        }
        return false;
    });
    return problem;
}

// The next feed to fetch: the first in list order whose host may be asked now, else the one whose
// host is ready first. Feeds of other hosts thus fill a host's --fetch-delay instead of waiting it out
// (ten feeds of one outlet and two of another: the two go in between, not after).
std::size_t next_feed(const std::vector<const FeedSource*>& pending, const FeedFetcher& fetcher) {
    const auto now = std::chrono::steady_clock::now();
    std::size_t best = 0;
    auto best_ready = std::chrono::steady_clock::time_point::max();
    for (std::size_t i = 0; i < pending.size(); ++i) {
        const auto ready = fetcher.ready_at(pending[i]->url);
        if (ready <= now) return i;
        if (ready < best_ready) {
            best = i;
            best_ready = ready;
        }
    }
    return best;
}

class FeedRun {
public:
    FeedRun(const IndexOptions& opt, BatchWriter& writer, const FeedRunHooks& hooks, Summary& summary)
        : opt_(opt), writer_(writer), hooks_(hooks), summary_(summary), fetcher_(opt.fetch) {}

    void run(const FeedSource& source) {
        FeedOutcome outcome;
        outcome.url = source.url;
        const std::string key = feed_state_key(source.url);
        FeedFetch fetch = fetcher_.fetch_feed(source.url, decode_feed_state(writer_.metadata(key)));
        outcome.status = fetch.status;
        if (!fetch.error.empty()) return fail(std::move(outcome), std::move(fetch.error));
        if (!fetch.changed) return summary_.feeds.push_back(std::move(outcome));  // 304: nothing new

        std::vector<Record> records;
        read_buffer(fetch.body, source.url, Format::Feed, [&](Record&& r) {
            records.push_back(std::move(r));
            return true;
        });
        if (const Rejected* whole = whole_feed_rejection(records))
            return fail(std::move(outcome),
                        "invalid feed" + (whole->line ? " at line " + std::to_string(whole->line) : std::string()) +
                            ": " + whole->reason);
        const std::size_t indexed_before = summary_.indexed;
        for (Record& record : records) {
            if (auto* item = std::get_if<Article>(&record)) {
                if (opt_.shard && !opt_.shard->owns(item->id)) {  // --shard I/N: another machine's item
                    ++summary_.other_shard;
                    continue;
                }
                if (opt_.fetch_pages && !with_page(*item)) continue;
                summary_.bytes += item->title.size() + item->body.size();
            }
            hooks_.push(std::move(record), source.url);
        }
        hooks_.settle();
        outcome.new_items = summary_.indexed - indexed_before;
        writer_.set_metadata(key, encode_feed_state(source.url, fetch.state));
        summary_.feeds.push_back(std::move(outcome));
    }

    [[nodiscard]] const FeedFetcher& fetcher() const { return fetcher_; }

private:
    // Fetches the page of an item not yet in the database; false when the item is already stored
    // (its page was fetched then: it is counted unchanged and its page is not asked for again).
    bool with_page(Article& item) {
        if (writer_.contains(item.id)) {
            ++summary_.unchanged;
            return false;
        }
        if (!url_problem(item.url).empty()) return true;
        if (const std::string problem = add_page_text(fetcher_, item); !problem.empty())
            std::fprintf(stderr, "veille-index: %s: page not used (%s); the feed's text is indexed\n", item.url.c_str(),
                         problem.c_str());
        return true;
    }

    // --on-error fail: the run stops here, and main() prints the one line; committed feeds stay.
    void fail(FeedOutcome&& outcome, std::string reason) {
        if (opt_.on_error == OnError::Fail) {
            writer_.commit();
            throw InputError(outcome.url, 0, reason);
        }
        std::fprintf(stderr, "veille-index: %s: %s\n", outcome.url.c_str(), reason.c_str());
        outcome.error = std::move(reason);
        summary_.feeds.push_back(std::move(outcome));
    }

    const IndexOptions& opt_;
    BatchWriter& writer_;
    const FeedRunHooks& hooks_;
    Summary& summary_;
    FeedFetcher fetcher_;
};

}  // namespace

void index_feeds(const IndexOptions& opt, BatchWriter& writer, const FeedRunHooks& hooks, Summary& summary) {
    FeedList list = read_feed_list(opt.feeds_file);
    summary.fetched_feeds = true;
    for (Rejected& problem : list.problems) hooks.reject(std::move(problem));
    FeedRun run(opt, writer, hooks, summary);
    std::vector<const FeedSource*> pending;
    for (const FeedSource& source : list.feeds) pending.push_back(&source);
    while (!pending.empty()) {
        const auto next = pending.begin() + static_cast<std::ptrdiff_t>(next_feed(pending, run.fetcher()));
        const FeedSource& source = **next;
        pending.erase(next);
        run.run(source);
    }
    // The summary lists the feeds in list order, whatever order they were fetched in.
    std::map<std::string, std::size_t, std::less<>> position;
    for (std::size_t i = 0; i < list.feeds.size(); ++i) position.emplace(list.feeds[i].url, i);
    std::stable_sort(summary.feeds.begin(), summary.feeds.end(), [&](const FeedOutcome& a, const FeedOutcome& b) {
        return position.at(a.url) < position.at(b.url);
    });
}

}  // namespace veille
