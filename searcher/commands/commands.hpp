// commands.hpp — the command table main.cpp dispatches to: search, interactive, analyze, eval, watch, serve.
#pragma once
#include <string>
#include <vector>

#include "common/database.hpp"
#include "searcher/match/ranking.hpp"
#include "searcher/output/printer.hpp"
#include "searcher/request.hpp"

namespace veille {

struct EvalOptions;
struct ServeOptions;

/// `watch` and its subcommands; the query of `add` and the options (--filter, --today, --json…) are
/// SearchOptions'.
struct WatchOptions {
    std::string action;                    ///< "add", "list", "rm", "run" or "feed"
    std::string name;                      ///< add, rm, feed: the watch
    std::vector<std::string> names;        ///< run: the watches to run (none: all)
};

/// The parsed command line of veille-search.
struct SearchOptions {
    std::vector<std::string> db;        ///< --db, repeatable: searched as one database
    ShardOptions shards;                ///< --timeout, --allow-partial
    std::string query;                  ///< positional words joined by spaces; empty = interactive / stdin lines
    SearchRequest request;              ///< limit, offset, sort, filters, facets…
    OutputFormat format = OutputFormat::Human;
    bool color = false;                 ///< decided in main: stdout is a tty and NO_COLOR unset
    std::string analyze_text;           ///< --analyze TEXT
    std::string history_file;           ///< interactive history (default ~/.veille_history)
    RankingParams ranking;
};

/// One query (opt.query), or one query per line of stdin when it is not a terminal. Returns the exit code.
int run_search(const SearchOptions& opt);
/// Interactive mode with line editing and history. Returns the exit code.
int run_repl(const SearchOptions& opt);
/// --analyze: prints tokens and terms of opt.analyze_text (JSON with --json). Returns the exit code.
int run_analyze(const SearchOptions& opt);
/// eval: every topic through the Engine as opt.request asks (no facets, no snippets), scored by
/// run_eval in searcher/eval/eval_command.hpp. Returns the exit code; throws GateFailed when a gate fails.
int run_eval(const SearchOptions& opt, const EvalOptions& eval);
/// watch add | list | rm | run | feed on the watches of opt.db (searcher/watch/). Returns the exit
/// code; throws UsageError for a bad or unknown name, DatabaseError when the state cannot be kept.
int run_watch(const SearchOptions& opt, const WatchOptions& watch);
/// serve: the HTTP API and search page (searcher/serve/) until SIGINT or SIGTERM. Returns the exit code.
int run_serve(const ServeOptions& options);

}  // namespace veille
