// main.cpp — veille-search: command line → SearchOptions → search | interactive | --analyze | eval | watch | serve.
// The only place errors become exit codes.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "common/cli.hpp"
#include "common/date.hpp"
#include "common/error.hpp"
#include "searcher/commands/commands.hpp"
#include "searcher/eval/eval_command.hpp"
#include "searcher/serve/api.hpp"
#include "searcher/serve/http_server.hpp"

namespace {

constexpr const char* kFooter = R"(
Query syntax:
  mots libres            words, matched accent-, case- and inflection-insensitively (securite = Sécurités)
  "une phrase"           words in this order            =mot     exact form (=thé is not « the »)
  a NEAR b, a NEAR/5 b   within 10 (or 5) words         pref*    words starting with pref
  +mot  -mot             required / excluded word       ( )      grouping
  a AND b, a OR b, NOT a (also ET / OU / SAUF; operators are upper case: « et », « ou » are words)
  title:mot  company:openai  topic:cybersecurite  source:"Veille Tech"
  date:2025  date:2025-07  date:2025-07-01..2025-09-30  date:>=2025-07-01  date:"juillet 2025"
  Several values of one field are OR'ed, different fields AND'ed. --filter takes the same FIELD:VALUE.

Lenient: syntax that cannot be read (a stray parenthesis or quote, an operator with nothing to join,
a bad field value) is read as words or ignored, and a notice says so; --strict makes it an error.
Without QUERY: interactive mode on a terminal (:help lists its commands), else one query per stdin line.
Saved searches: watch add NAME [--filter F:V]... QUERY · watch list · watch rm NAME ·
  watch run [NAME...] [--json] (what is new since the last run) · watch feed NAME (Atom)
Exit codes: 0 ok · 1 error · 2 usage, unparsable query, bad or unknown watch name · 4 a relevance gate failed (eval))";

veille::SortOrder parse_sort(const std::string& s) {
    if (s == "date" || s == "newest") return veille::SortOrder::Newest;
    if (s == "oldest") return veille::SortOrder::Oldest;
    return veille::SortOrder::Relevance;
}

}  // namespace

int main(int argc, char** argv) try {
    CLI::App app{"veille-search — search French tech news"};
    app.footer(kFooter);
    veille::SearchOptions opt;
    veille::add_common_options(app, opt.db);
    app.add_option("--timeout", opt.shards.timeout_ms,
                   "Milliseconds to wait for a remote shard to connect or answer before failing (default 10000)")
        ->check(CLI::Range(1u, 3600000u));
    auto* time_limit = app.add_option(
        "--time-limit", opt.request.time_limit_ms,
        "Milliseconds after which a search stops counting matches: the results stay exact, the total and facets "
        "are partial (JSON: partial, a notice); 0: none (default; serve: 2000)")
        ->check(CLI::Range(0.0, 3600000.0));
    app.add_flag("--allow-partial", opt.shards.allow_partial,
                 "Answer from the shards that respond when a remote shard fails (a notice names it; JSON: partial)");
    std::vector<std::string> words;
    std::string sort = "relevance";
    bool json = false, trec = false;
    app.add_option("query", words, "Query (see Query syntax below)");
    auto* out = app.add_option_group("Output");
    out->add_flag("--json", json, "One JSON object per query (JSON Lines for stdin queries)");
    out->add_flag("--trec", trec, "TREC run lines: qid Q0 docid rank score tag");
    out->add_option("-n,--limit", opt.request.limit, "Results per page (default 10)")->check(CLI::Range(0, 100000));
    out->add_option("--offset", opt.request.offset, "Skip the first N results")->check(CLI::Range(0, 100000000));
    out->add_option("--facet-limit", opt.request.facet_limit, "Values shown per facet (default 10)")
        ->check(CLI::Range(0, 100000));
    out->add_flag("--explain", opt.request.explain, "Show why each result ranked (terms, weights, synonyms)");
    out->add_flag("--strict", opt.request.strict,
                  "A query that does not parse is an error (exit 2) instead of being read leniently");
    out->add_option("--analyze", opt.analyze_text, "Print the tokens and terms of TEXT and exit");
    out->add_option("--history", opt.history_file, "Interactive history file (default ~/.veille_history)");
    auto* filters = app.add_option_group("Filters");
    filters->add_option("--filter", opt.request.filters, "FIELD:VALUE (company, topic, source, date); repeatable")
        ->allow_extra_args(false);  // one value each time (« --filter company:x openai »: openai is the
                                    // query), repeatable: expected(1) capped the total at one
    std::string today;
    bool no_date_words = false;
    filters->add_option("--today", today,
                        "YYYY-MM-DD that « hier », « depuis janvier » and --recency count from (default: the clock; "
                        "eval: the newest article)")
        ->envname("VEILLE_TODAY");
    filters->add_flag("--no-date-words", no_date_words,
                      "Read « depuis janvier », « la semaine dernière »… as words, not as date filters");
    auto* ranking = app.add_option_group("Ranking");
    ranking->add_option("--sort", sort, "relevance, date (newest first) or oldest")
        ->check(CLI::IsMember({"relevance", "date", "newest", "oldest"}));
    bool no_collapse = false;
    ranking->add_flag("--no-collapse", no_collapse,
                      "Show every article: by default a story told by several outlets is one result, its best "
                      "ranked article, with the others under it (eval ranks articles unless given --collapse)");
    ranking->add_option("--recency", opt.request.recency_half_life_days,
                        "Boost recent articles; the boost halves every HALF_LIFE_DAYS")
        ->check(CLI::PositiveNumber);
    // Ranking weights and BM25 parameters: each a number in a range, listed in eval's "parameters".
    const auto weight = [&](const char* name, double& value, const char* help, double max = 100.0) {
        ranking->add_option(name, value, help)->check(CLI::Range(0.0, max));
    };
    weight("--title-weight", opt.ranking.title_weight,
           "Scale of a title-only score added to the words' (default 0: a title's words already count 3 times)");
    weight("--coordination", opt.ranking.coordination_weight,
           "Boost for articles holding every word of a query of up to 5 words (default 0: none)");
    weight("--proximity", opt.ranking.proximity_ordered_weight,
           "Boost for neighbouring query words found in order (default 0.4)");
    weight("--proximity-near", opt.ranking.proximity_unordered_weight,
           "Boost for neighbouring query words found within 8 words in any order (default 0)");
    weight("--phrase-weight", opt.ranking.phrase_weight,
           "Scale of an optional quoted phrase, whose words then count too (default 1; 0: phrase only)");
    weight("--compound-part-weight", opt.ranking.compound_part_weight,
           "Scale of each part of a set compound (one the index mostly holds whole) found alone (default 0)");
    weight("--compound-split-ratio", opt.ranking.compound_split_ratio,
           "A compound making less than this share of its rarer part's articles is searched as its parts "
           "(default 0.5; 0: never)", 1.0);
    weight("--form-weight", opt.ranking.form_weight,
           "Boost for the word's own form over other inflections (default 0.2)");
    ranking->add_option("--rerank-depth", opt.ranking.rerank_depth,
                        "Neighbouring query words re-score this many of the best matches by the words (default 50)")
        ->check(CLI::Range(1u, 1000000u));
    weight("--synonym-weight", opt.ranking.synonym_weight, "Scale of synonym alternatives (default 0.8)");
    weight("--bm25-k1", opt.ranking.bm25_k1, "BM25 k1 (default 1.2)");
    weight("--bm25-b", opt.ranking.bm25_b, "BM25 b (default 0.75)", 1.0);
    weight("--bm25-delta", opt.ranking.bm25_delta, "BM25+ delta (default 1; 0 = plain BM25)");
    weight("--bm25-min-normlen", opt.ranking.bm25_min_normlen,
           "BM25: shorter articles count as this share of the average length (default 0.5)", 1.0);

    auto* eval_cmd = app.add_subcommand("eval", "Run topics against qrels: trec_eval metrics and gates (exit 4)");
    veille::EvalOptions eval;
    veille::define_eval_options(*eval_cmd, eval);
    eval_cmd->fallthrough();  // ranking options may follow "eval"

    auto* serve_cmd = app.add_subcommand("serve", "HTTP JSON API and search page (README, « veille-search serve »)");
    veille::ServeOptions serve;
    serve_cmd->add_option("--listen", serve.listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any free)");
    serve_cmd->add_option("--threads", serve.threads,
                          "Connections served at once (default 64); searches run one per core at a time")->check(CLI::Range(1, 256));
    serve_cmd->fallthrough();  // ranking options may follow "serve"

    // watch: its options are the search's (--filter, --today, --json…), taken from after any word.
    auto* watch_cmd = app.add_subcommand("watch", "Saved searches: what is new since the last run, Atom feeds");
    watch_cmd->require_subcommand(1);
    watch_cmd->fallthrough();
    veille::WatchOptions watch;
    const auto watch_action = [&](const char* name, const char* help) {
        auto* sub = watch_cmd->add_subcommand(name, help);
        sub->fallthrough();
        sub->callback([&watch, name] { watch.action = name; });
        return sub;
    };
    auto* watch_add = watch_action("add", "Save QUERY (with its --filter values) as watch NAME");
    watch_add->add_option("name", watch.name, "Watch name: letters, digits, - and _")->required();
    watch_add->add_option("query", words, "Query, as in a search (date words are read at each run)")
        ->required();
    watch_action("list", "List the watches");
    watch_action("rm", "Remove watch NAME")->add_option("name", watch.name, "Watch name")->required();
    watch_action("run", "Print what each watch (or each NAME) matches that it has not reported before, and remember it")
        ->add_option("name", watch.names, "Watches to run (default: all)");
    watch_action("feed", "Print the Atom feed of watch NAME's latest matches")
        ->add_option("name", watch.name, "Watch name")->required();

    if (auto code = veille::parse_args(app, argc, argv)) return *code;
    if (json && trec) throw veille::UsageError("--json and --trec exclude each other");
    opt.format = json ? veille::OutputFormat::Json : trec ? veille::OutputFormat::Trec : veille::OutputFormat::Human;
    opt.color = ::isatty(STDOUT_FILENO) == 1 && !std::getenv("NO_COLOR");
    opt.request.sort = parse_sort(sort);
    opt.request.date_words = !no_date_words;
    opt.request.collapse = !no_collapse;
    if (!today.empty()) {
        const auto d = veille::parse_iso_date(today);
        if (!d || d->day == 0) throw veille::UsageError("--today (or VEILLE_TODAY) expects YYYY-MM-DD, got '" + today + "'");
        opt.request.today = d;
    }
    for (const auto& w : words) opt.query += (opt.query.empty() ? "" : " ") + w;

    if (eval_cmd->parsed()) return veille::run_eval(opt, eval);
    if (watch_cmd->parsed()) {
        if (watch.action != "add" && !words.empty()) throw veille::UsageError("watch " + watch.action + ": unexpected argument '" + words.front() + "'");
        return veille::run_watch(opt, watch);
    }
    if (serve_cmd->parsed()) {
        serve.db = opt.db;
        serve.shards = opt.shards;
        serve.ranking = opt.ranking;
        // What each request starts from: the day and reading of date words, the recency boost, the
        // order, page size and folding of stories. Not --filter: a filter no URL can remove would be a hidden subset.
        if (!opt.request.filters.empty())
            throw veille::UsageError("--filter does not apply to serve: each request carries its own filters");
        serve.request.today = opt.request.today;
        serve.request.date_words = opt.request.date_words;
        serve.request.recency_half_life_days = opt.request.recency_half_life_days;
        serve.request.sort = opt.request.sort;
        serve.request.collapse = opt.request.collapse;
        // A request never holds an Engine for long: others wait for it.
        serve.request.time_limit_ms = time_limit->count() > 0 ? opt.request.time_limit_ms : 2000;
        serve.request.limit = std::min(opt.request.limit, veille::ApiLimits{}.max_limit);
        return veille::run_serve(serve);
    }
    if (!opt.analyze_text.empty()) return veille::run_analyze(opt);
    if (opt.query.empty() && ::isatty(STDIN_FILENO) == 1) return veille::run_repl(opt);
    if (trec) opt.request.facets = opt.request.snippets = false;  // run lines show neither
    return veille::run_search(opt);
} catch (const veille::Error& e) {
    std::cerr << "veille-search: " << e.what() << '\n';
    return static_cast<int>(e.exit_code());
} catch (const std::exception& e) {
    std::cerr << "veille-search: internal error: " << e.what() << '\n';
    return 1;
}
