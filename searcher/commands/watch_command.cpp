// watch_command.cpp — `veille-search watch add|list|rm|run|feed`: saved searches over the Engine.
// State: searcher/watch/watch_store; output: searcher/output/watch_printer and watch/atom_feed.
#include <algorithm>
#include <iostream>

#include "common/database.hpp"
#include "common/error.hpp"
#include "searcher/commands/commands.hpp"
#include "searcher/match/engine.hpp"
#include "searcher/output/printers.hpp"
#include "searcher/output/watch_printer.hpp"
#include "searcher/watch/atom_feed.hpp"
#include "searcher/watch/watch_search.hpp"
#include "searcher/watch/watch_store.hpp"

namespace veille {

namespace {

int add_watch(const SearchOptions& opt, const WatchOptions& options) {
    Watch watch;
    watch.name = options.name;
    check_watch_name(watch.name);
    watch.query = opt.query;
    watch.filters = opt.request.filters;
    watch.date_words = opt.request.date_words;
    // Read once now, so that a bad filter (exit 2) or, with --strict, a bad query is refused at
    // once rather than at the first cron run.
    Engine engine(opt.db, opt.ranking, opt.shards);
    SearchRequest check = watch_request(watch, opt.request.today);
    check.strict = opt.request.strict;
    check.limit = 0;
    check.snippets = false;
    check.facets = true;  // the count pass: an exact total (without it, Xapian's estimate)
    check.facet_limit = 0;
    const SearchResult now = engine.search(check);

    WatchStore store(watch_directory(opt.db));
    auto& watches = store.watches();
    if (std::any_of(watches.begin(), watches.end(),
                    [&](const Watch& w) { return w.name == watch.name; }))
        throw UsageError("watch '" + watch.name +
                         "' already exists (remove it first with: watch rm " + watch.name + ")");
    watch.created = utc_now();
    watches.push_back(watch);
    store.save();
    std::cout << "Veille « " << watch.name << " » ajoutée : " << now.total
              << (now.total == 1 ? " article correspond" : " articles correspondent")
              << " aujourd’hui ; le prochain « watch run » les signalera.\n";
    for (const std::string& n : now.notices) std::cout << "Note : " << printable(n) << '\n';
    return 0;
}

int remove_watch(const SearchOptions& opt, const WatchOptions& options) {
    open_shards(opt.db, opt.shards);  // a mistyped --db is « no such database », not « no watch named … »
    WatchStore store(watch_directory(opt.db));
    const Watch& watch = store.find(options.name);
    const std::string name = watch.name;
    auto& watches = store.watches();
    watches.erase(std::find_if(watches.begin(), watches.end(),
                               [&](const Watch& w) { return w.name == name; }));
    store.save();
    std::cout << "Veille « " << name << " » supprimée.\n";
    return 0;
}

int list_watches(const SearchOptions& opt) {
    open_shards(opt.db, opt.shards);
    print_watch_list(read_watches(watch_directory(opt.db)), opt.format, std::cout);
    return 0;
}

int run_watches(const SearchOptions& opt, const WatchOptions& options) {
    Engine engine(opt.db, opt.ranking, opt.shards);
    // The lock is held from reading the state to saving it: a second `watch run` waits, then finds
    // these articles already reported.
    WatchStore store(watch_directory(opt.db));
    std::vector<Watch*> chosen;
    for (const std::string& name : options.names) {
        Watch* w = &store.find(name);
        if (std::find(chosen.begin(), chosen.end(), w) == chosen.end()) chosen.push_back(w);
    }
    if (options.names.empty())
        for (Watch& w : store.watches()) chosen.push_back(&w);

    std::vector<WatchReport> reports;
    for (Watch* w : chosen) reports.push_back({w, new_matches(engine, *w, opt.request.today)});
    print_watch_run(reports, opt.format, opt.color, std::cout);
    // Printed first, remembered after: an alert that could not be written out (a full disk under a
    // cron redirection) is reported again next time rather than lost.
    std::cout.flush();
    if (!std::cout)
        throw Error("cannot write the report on stdout; nothing was marked as reported");
    const std::string now = utc_now();
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        for (const SearchHit& hit : reports[i].result.hits) {
            chosen[i]->reported.emplace(hit.article.id, now);
            // A story's other tellings were shown under it (« + 2 autres sources »): reported too.
            for (const StoryMember& m : hit.also) chosen[i]->reported.emplace(m.id, now);
        }
        chosen[i]->last_run = now;
    }
    store.save();
    return 0;
}

int print_feed(const SearchOptions& opt, const WatchOptions& options) {
    Engine engine(opt.db, opt.ranking, opt.shards);
    const std::vector<Watch> watches = read_watches(watch_directory(opt.db));
    const Watch& watch = find_watch(watches, options.name);
    std::cout << atom_feed(watch, latest_matches(engine, watch, opt.request.today, kFeedEntries));
    return 0;
}

}  // namespace

int run_watch(const SearchOptions& opt, const WatchOptions& options) {
    if (opt.format == OutputFormat::Trec)
        throw UsageError("watch: --trec is not available (use --json)");
    if (options.action == "add") return add_watch(opt, options);
    if (options.action == "rm") return remove_watch(opt, options);
    if (options.action == "list") return list_watches(opt);
    if (options.action == "run") return run_watches(opt, options);
    if (options.action == "feed") return print_feed(opt, options);
    throw UsageError("watch: expected add, list, rm, run or feed");
}

}  // namespace veille
