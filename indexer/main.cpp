// main.cpp — veille-index: command line → IndexOptions → pipeline; the only place errors become exit codes.
#include <cstdio>
#include <iostream>

#include "common/cli.hpp"
#include "common/error.hpp"
#include "indexer/data_salt.hpp"
#include "indexer/enrich.hpp"
#include "indexer/explain.hpp"
#include "indexer/extraction_report.hpp"
#include "indexer/options.hpp"
#include "indexer/pipeline.hpp"

namespace {

constexpr const char* kFooter = R"(
Inputs: JSONL (one article per line: id, title, body, date?, source?, url?, companies?, topics?),
text/Markdown (# title, Date:/Source:/URL: headers or YAML front matter), HTML pages, RSS/Atom feeds.
Directories are read recursively; "-" reads JSONL from stdin. Same id = replace; unchanged = skipped.
Shards: --shard I/N keeps the articles whose id hashes to I (FNV-1a 64 of the id, modulo N), so that N
machines index the same inputs; --shards N writes DIR/shard-0..N-1 and DIR/veille.stub in one run.
--feeds FILE fetches RSS/Atom feeds (one http(s) URL per line, # comments, or OPML): an unchanged
feed costs one request (ETag / Last-Modified kept in the database); a feed that fails is one line on
stderr and the others are still indexed.

Exit codes: 0 ok · 1 error · 2 usage · 3 some records rejected or feeds failed (the rest indexed))";

std::shared_ptr<const veille::Gazetteer> load_gazetteer(const veille::IndexOptions& opt) {
    if (opt.companies_file.empty()) return veille::Gazetteer::standard();
    return veille::Gazetteer::from_file(opt.companies_file);
}

std::shared_ptr<const veille::Taxonomy> load_taxonomy(const veille::IndexOptions& opt) {
    if (opt.topics_file.empty()) return veille::Taxonomy::standard();
    return veille::Taxonomy::from_file(opt.topics_file);
}

int run(veille::IndexOptions& opt) {
    opt.data_salt = veille::data_salt(opt);
    const veille::Enricher enricher(load_gazetteer(opt), load_taxonomy(opt));
    if (!opt.explain_id.empty()) {
        std::cout << veille::explain_article(opt.db, opt.explain_id, enricher, opt.json);
        return 0;
    }
    if (!opt.gold_file.empty()) return veille::run_extraction_report(opt, enricher, std::cout);
    if (opt.paths.empty() && opt.delete_ids.empty() && opt.feeds_file.empty())
        throw veille::UsageError("nothing to do: give PATH... to index, --feeds FILE or --delete ID...");
    const veille::Summary summary = veille::run_indexing(opt, enricher);
    if (opt.json) std::cout << veille::summary_json(summary) << '\n';
    else std::cerr << "veille-index: " << veille::summary_text(summary) << '\n';
    const bool partial = summary.rejected || summary.failed_feeds();
    return static_cast<int>(partial ? veille::ExitCode::Rejected : veille::ExitCode::Ok);
}

}  // namespace

int main(int argc, char** argv) try {
    CLI::App app{"veille-index — index French tech-news articles into a veille database"};
    app.footer(kFooter);
    veille::IndexOptions opt;
    veille::add_common_options(app, opt.db);
    std::string format = "auto", on_error = "skip";
    app.add_option("paths", opt.paths, "Files or directories to index (\"-\" = JSONL on stdin)");
    app.add_option("--format", format, "Input format")
        ->check(CLI::IsMember({"auto", "jsonl", "text", "html", "feed"}));
    app.add_option("--on-error", on_error, "Skip bad records (exit 3) or stop at the first (exit 1)")
        ->check(CLI::IsMember({"skip", "fail"}));
    app.add_flag("--json", opt.json, "Print the run summary as one JSON object on stdout");
    app.add_option("--delete", opt.delete_ids, "Delete the articles with these ids")->expected(1, -1);
    auto* batch = app.add_option("--batch-size", opt.batch_size,
                                 "Articles per commit (the load is then visible as it grows: no bulk load)")
                      ->check(CLI::Range(1, 10000000));
    app.add_option("--threads", opt.threads, "Analysis threads (default: one per core)")->check(CLI::Range(0, 256));
    app.add_option("--companies", opt.companies_file, "Gazetteer file replacing the compiled-in companies.tsv");
    app.add_option("--topics", opt.topics_file, "Taxonomy file replacing the compiled-in topics.tsv");
    auto* explain = app.add_option("--explain", opt.explain_id, "Show why the stored article ID got its date, companies and topics");
    auto* gold = app.add_option("--gold", opt.gold_file,
                   "Score extraction of PATH... against hand annotations (JSONL: id, companies, topics, date); "
                   "writes no database");
    std::string shard;
    auto* shard_opt = app.add_option("--shard", shard,
                                     "Index only shard I of N: the articles (and --delete ids) whose id hashes to I");
    auto* shards_opt = app.add_option("--shards", opt.shards,
                                      "Write N shard databases DIR/shard-0..N-1 and the stub DIR/veille.stub")
                           ->check(CLI::Range(1u, veille::kMaxShards));
    shards_opt->excludes(shard_opt);
    auto* feeds = app.add_option("--feeds", opt.feeds_file,
                                 "Fetch the RSS/Atom feeds listed in FILE (one http(s) URL per line, # comments; "
                                 "or OPML) and index their items")
                      ->group("Feeds")->type_name("FILE")->excludes(explain)->excludes(gold);
    app.add_flag("--fetch-pages", opt.fetch_pages,
                  "Also fetch each new item's web page and index its article text (feeds with summaries only)")
        ->group("Feeds")->needs(feeds);
    app.add_option("--fetch-timeout", opt.fetch.limits.timeout_seconds, "Seconds allowed for each request")
        ->group("Feeds")->type_name("SECONDS")->capture_default_str()->check(CLI::Range(0.001, 3600.0))->needs(feeds);
    app.add_option("--fetch-max-size", opt.fetch.limits.max_bytes,
                   "Largest body accepted per request, in bytes (suffixes k, M: 512k, 10M); larger ones are aborted")
        ->group("Feeds")->type_name("SIZE")->transform(CLI::AsSizeValue(false))->default_str("10M")->needs(feeds);
    app.add_option("--fetch-delay", opt.fetch.delay_seconds, "Seconds to wait between two requests to the same host")
        ->group("Feeds")->type_name("SECONDS")->capture_default_str()->check(CLI::Range(0.0, 3600.0))->needs(feeds);
    if (auto code = veille::parse_args(app, argc, argv)) return *code;
    if (!shard.empty()) opt.shard = veille::parse_shard_spec(shard);
    if ((opt.shard || opt.shards) && (!opt.explain_id.empty() || !opt.gold_file.empty()))
        throw veille::UsageError("--shard and --shards write databases; --explain and --gold take a single one");
    if (opt.shards && !opt.feeds_file.empty())
        throw veille::UsageError("--feeds writes one database (a feed's state is committed with its items): "
                                 "fetch into each shard with --shard I/N instead of --shards");
    opt.format = veille::parse_format(format);
    opt.batch_size_given = batch->count() > 0;
    opt.on_error = on_error == "fail" ? veille::OnError::Fail : veille::OnError::Skip;
    return run(opt);
} catch (const veille::Error& e) {
    std::cerr << "veille-index: " << e.what() << '\n';
    return static_cast<int>(e.exit_code());
} catch (const std::exception& e) {
    std::cerr << "veille-index: internal error: " << e.what() << '\n';
    return 1;
}
