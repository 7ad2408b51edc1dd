// engine.cpp — one search: parse → match (BM25 + boosts, deterministic ties) → exact facets (each
// filtered field counted without its own filter) → snippets → did-you-mean.
#include "searcher/match/engine.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <sstream>

#include "common/analysis/analyzer.hpp"
#include "common/database.hpp"
#include "common/error.hpp"
#include "common/extract/gazetteer.hpp"
#include "common/extract/taxonomy.hpp"
#include "common/schema.hpp"
#include "searcher/match/facets.hpp"
#include "searcher/match/helper_thread.hpp"
#include "searcher/match/match_counter.hpp"
#include "searcher/match/match_set.hpp"
#include "searcher/match/rerank.hpp"
#include "searcher/match/server_facets.hpp"
#include "searcher/match/stories.hpp"
#include "searcher/match/tie_order.hpp"
#include "searcher/query/query_parser.hpp"
#include "searcher/query/synonyms.hpp"
#include "searcher/text/snippets.hpp"
#include "searcher/text/suggest.hpp"

namespace veille {

namespace {

// Recency: a weight that halves every `half_life` days, added to the relevance score.
class RecencySource : public Xapian::ValuePostingSource {
public:
    RecencySource(double half_life, double max_weight, long today)
        : Xapian::ValuePostingSource(slot::kDate), half_life_(half_life), max_(max_weight), today_(today) {
        set_maxweight(max_weight);
    }
    double get_weight() const override {
        const auto d = parse_iso_date(slot_to_iso(get_value()));
        if (!d) return 0;
        const double age = std::max(0L, today_ - d->days_since_epoch());
        return max_ * std::exp2(-age / half_life_);
    }
    RecencySource* clone() const override { return std::make_unique<RecencySource>(half_life_, max_, today_).release(); }
    std::string name() const override { return "veille::RecencySource"; }

private:
    static std::string slot_to_iso(const std::string& v) {
        if (v.size() != 8) return {};
        std::string iso = v.substr(0, 4);
        if (v.compare(4, 2, "00") != 0) iso += "-" + v.substr(4, 2);
        if (v.compare(6, 2, "00") != 0) iso += "-" + v.substr(6, 2);
        return iso;
    }
    double half_life_, max_;
    long today_;
};

long today_days() {
    const std::time_t now = std::time(nullptr);
    return static_cast<long>(now / 86400);
}

// `frequencies` keeps the term frequencies between the hits of one search (over remote shards, each
// is a round trip per shard).
std::string explain_hit(const Xapian::Enquire& enquire, const Xapian::MSetIterator& it, const Xapian::Database& db,
                        std::map<std::string, double>& frequencies) {
    std::ostringstream out;
    out << "score " << it.get_weight() << " = BM25 over matched terms:";
    const std::vector<std::string> terms(enquire.get_matching_terms_begin(it), enquire.get_matching_terms_end(it));
    // The document's term list read once, in term order (over a remote shard, each read is a round trip).
    std::vector<std::string> sorted = terms;
    std::sort(sorted.begin(), sorted.end());
    std::map<std::string, Xapian::termcount> wdf;
    const Xapian::Document doc = it.get_document();
    auto dt = doc.termlist_begin();
    for (const std::string& term : sorted) {
        dt.skip_to(term);
        if (dt == doc.termlist_end()) break;
        if (*dt == term) wdf[term] = dt.get_wdf();
    }
    const double n = db.get_doccount();
    for (const std::string& term : terms) {
        auto known = frequencies.find(term);
        if (known == frequencies.end()) known = frequencies.emplace(term, db.get_termfreq(term)).first;
        const double tf = known->second;
        out << " " << term << "(wdf " << wdf[term] << ", idf " << std::log((n - tf + 0.5) / (tf + 0.5) + 1) << ")";
    }
    return out.str();
}

// True when the query checks word positions (phrases, NEAR) to decide what matches: matching is
// then mostly position checks, which a count pass would repeat. Called on the match set: the
// proximity features OR'ed beside the words add weight only.
bool positional(const Xapian::Query& q) {
    const auto op = q.get_type();
    if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR) return true;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
        if (positional(q.get_subquery(i))) return true;
    return false;
}

}  // namespace

Engine::Engine(std::string path, RankingParams params)
    : Engine(std::vector<std::string>{std::move(path)}, params) {}

Engine::Engine(std::vector<std::string> paths, RankingParams params, ShardOptions shards)
    : paths_(paths), shard_options_(shards), path_(describe_paths(paths)), params_(params),
      db_(open_shards(paths, shards)), count_db_(open_shards(paths, shards)),
      parser_(std::make_unique<QueryParser>(Analyzer::standard(), Gazetteer::standard(), Taxonomy::standard(),
                                            Synonyms::standard(), params_)) {
    for (const Field* f : kFacetFields) columns_.emplace_back(f->facet_slot);
}

Engine::~Engine() = default;

Xapian::doccount Engine::size() const { return db_.all.get_doccount(); }

std::optional<Article> Engine::article(const std::string& id) {
    for (int attempt = 0;; ++attempt) {
        try {
            return find_article(db_.all, id);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw DatabaseError(path_, "database keeps changing under the reader");
            db_.all.reopen();
        }
    }
}

// Both handles on the latest revision, the same one (a commit may land between two reopens). With
// shards, each shard's revision: Database::get_revision() refuses a database of several.
bool Engine::reopen() {
    bool changed = false;
    for (int attempt = 0; attempt < 10; ++attempt) {
        changed = db_.all.reopen() || changed;
        changed = count_db_.all.reopen() || changed;
        if (db_.revisions() == count_db_.revisions()) break;
    }
    return changed;
}

SearchResult Engine::search(const SearchRequest& request) {
    const auto start = std::chrono::steady_clock::now();
    const Deadline deadline(start, request.time_limit_ms);
    // A writer committing meanwhile invalidates old revisions: reopen and run again.
    for (int attempt = 0;; ++attempt) {
        try {
            if (shards_failed_) {
                // A remote shard failed in an earlier search: open them all again, which names one
                // still down (DatabaseError) or finds them back.
                open_shards_again();
                shards_failed_ = false;
            }
            if (reopen())
                for (FacetColumn& c : columns_) c.clear();
            SearchResult result = search_once(request, deadline);
            result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            return result;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 3) throw DatabaseError(path_, "database keeps changing under the reader");
        } catch (const Xapian::NetworkError& e) {
            // A remote shard failed during the search: with --allow-partial, open the shards again
            // (the failing one is then left out, as missing) and search once more.
            if (!shard_options_.allow_partial || attempt >= 1) {
                shards_failed_ = true;
                throw DatabaseError(path_, "a remote shard failed: " + failed_shards(e));
            }
            open_shards_again();
        } catch (const Xapian::UnimplementedError& e) {
            // e.g. a phrase on one side of NEAR: a query Xapian cannot run is a query error.
            throw QueryError("unsupported query: " + e.get_msg(), 1);
        } catch (const Xapian::Error& e) {
            throw DatabaseError(path_, "search failed: " + e.get_description());
        }
    }
}

// Both handles anew (a shard left out with --allow-partial, or back after a failure); the columns'
// values came from the old ones.
void Engine::open_shards_again() {
    db_ = open_shards(paths_, shard_options_);
    count_db_ = open_shards(paths_, shard_options_);
    for (FacetColumn& c : columns_) c.clear();
}

// Xapian's NetworkError does not say which shard broke: opening them all again, leaving out those
// that fail, names them (« 127.0.0.1:7401 (shards.stub:2): NetworkError: … »).
std::string Engine::failed_shards(const Xapian::NetworkError& e) const {
    std::string names;
    try {
        ShardOptions probe = shard_options_;
        probe.allow_partial = true;
        for (const std::string& m : open_shards(paths_, probe).missing) names += (names.empty() ? "" : "; ") + m;
    } catch (const std::exception&) {
    }
    return names.empty() ? e.get_description() : names;
}

SearchResult Engine::search_once(const SearchRequest& request, const Deadline& deadline) {
    // Xapian 1.4's remote backend runs no KeyMaker, which « undated last » in ascending order needs.
    if (db_.remote && request.sort == SortOrder::Oldest)
        throw UsageError("--sort oldest is not available over remote shards (Xapian 1.4's remote backend sorts by "
                         "one value, not by a key); use --sort date or --sort relevance");
    // The recency boost is a posting source of veille's own: a stock xapian-tcpsrv cannot unserialise it.
    if (db_.remote && request.recency_half_life_days > 0)
        throw UsageError("--recency is not available over remote shards (its posting source is veille's own, "
                         "which xapian-tcpsrv cannot run)");
    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;
    result.partial = !db_.missing.empty();
    for (const std::string& m : db_.missing)
        result.notices.push_back("fragment absent, résultats des autres seulement : " + m);
    const Date today = request.today.value_or(date_from_days(today_days()));
    const ParsedQuery parsed = parser_->parse(request.query, request.filters, request.strict, &db_.all,
                                              request.date_words ? std::optional(today) : std::nullopt);
    result.active_filters = parsed.filters.describe();
    for (const QueryNotice& n : parsed.notices) result.notices.push_back(n.line());

    Xapian::Query query = parsed.full();
    if (!request.exclude_ids.empty()) {
        // Id terms, one posting each: a cheap boolean exclusion even for thousands of ids.
        std::vector<Xapian::Query> ids;
        ids.reserve(request.exclude_ids.size());
        for (const std::string& id : request.exclude_ids) ids.emplace_back(id_term(id));
        query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                              Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
    }
    RecencySource recency(request.recency_half_life_days > 0 ? request.recency_half_life_days : 1,
                          params_.recency_weight, today.days_since_epoch());
    if (request.recency_half_life_days > 0)
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(&recency));
    // Proximity re-scores the best matches of the words (rerank.hpp). A date order uses relevance
    // only between articles of the same day: the words decide it.
    const bool two_stages = request.sort == SortOrder::Relevance && !parsed.pairs.empty();

    Xapian::Enquire enquire(db_.all);
    enquire.set_weighting_scheme(*make_weighting(params_));
    enquire.set_query(query);
    result.query_description = query.get_description();

    // Date order: articles of the same day by relevance. (A second key, the id, read one more value
    // per match: sorting 32,000 matches took twice as long.) Undated articles come last both ways.
    Xapian::MultiValueKeyMaker oldest_first;
    if (request.sort == SortOrder::Relevance) {
        enquire.set_sort_by_relevance_then_value(slot::kId, false);
    } else if (request.sort == SortOrder::Newest) {
        enquire.set_sort_by_value_then_relevance(slot::kDate, true);
    } else {
        oldest_first.add_value(slot::kDate, false, "99999999");
        enquire.set_sort_by_key_then_relevance(&oldest_first, false);
    }

    // Exact totals and facet counts need every match visited. For word queries a second,
    // unweighted pass does it on the helper thread (the other core) while this one ranks: ranking
    // stays free to skip what cannot reach the page (BM25 bounds), counting skips the arithmetic
    // (« fichier », 32,000 matches at 100,000 articles: one exhaustive weighted pass 6.5 ms, rank
    // 1.2 ms beside count 2.2 ms). A phrase checks positions for every candidate and a date order
    // sees every match either way: one pass, counting as it ranks. Then both threads write the
    // snippets, the helper joining as soon as it is done counting.
    // With remote shards the counting runs on the servers (server_facets.hpp): veille's own spy and
    // posting-list bitmaps would need every posting list or document sent over the network.
    const bool on_servers = request.facets && db_.remote > 0;
    const bool one_pass =
        request.facets && !on_servers && (positional(match_set_only(query)) || request.sort != SortOrder::Relevance);
    std::optional<MatchCounter> counter;
    if (request.facets && !on_servers) counter.emplace(columns_, parsed, query, db_.shards.size());
    if (one_pass) counter->attach(enquire);
    std::optional<Xapian::doccount> counted;
    SharedJobs snippet_jobs;
    std::future<void> helper_done = helper_.post([&] {
        if (counter && !one_pass) counted = counter->count(count_db_.all, deadline);
        snippet_jobs.take_all();
    });
    // However this frame is left, the helper is released and waited for: its task uses the frame.
    struct Join {
        SharedJobs& jobs;
        std::future<void>& done;
        ~Join() {
            jobs.publish(0, {});
            if (done.valid()) done.wait();
        }
    } join{snippet_jobs, helper_done};

    const auto offset = static_cast<Xapian::doccount>(request.offset);
    const auto limit = static_cast<Xapian::doccount>(request.limit);
    const Xapian::doccount checkatleast = one_pass ? db_.all.get_doccount() : 0;
    // Past the time limit Xapian stops visiting every match (the counting spies see no more) and
    // ranks on with its usual pruning: the page stays exact.
    if (one_pass && deadline.set()) enquire.set_time_limit(deadline.seconds_left());
    // Relevance order breaks ties on the id slot already; the date orders need ordered_page().
    Xapian::MSet mset;
    const auto rank_page = [&](Xapian::doccount from, Xapian::doccount count) {
        std::vector<PageEntry> entries;
        if (two_stages) {
            RankedPage ranked = rank_in_two_stages(enquire, db_.all, parsed.pairs, params_, from, count, checkatleast);
            mset = std::move(ranked.mset);
            return std::move(ranked.entries);
        }
        OrderedPage page = request.sort == SortOrder::Relevance
                               ? OrderedPage{enquire.get_mset(from, count, checkatleast), {}}
                               : ordered_page(enquire, from, count, checkatleast);
        if (request.sort == SortOrder::Relevance)
            for (Xapian::doccount i = 0; i < page.mset.size(); ++i) page.order.push_back(i);
        for (const Xapian::doccount index : page.order)
            entries.push_back({page.mset[index], page.mset[index].get_weight(), 0});
        mset = std::move(page.mset);
        return entries;
    };
    std::vector<StoryEntry> page;
    if (request.collapse) {
        // Stories are folded from the first result on (stories.hpp), over a window of results that
        // grows until it holds the page's stories or every match.
        const Xapian::doccount wanted = offset + limit;
        for (Xapian::doccount window = story_window(offset, limit);; window *= 2) {
            std::vector<PageEntry> ranked = rank_page(0, window);
            // One pass counted every match while ranking: a wider window must not count them again.
            if (one_pass) enquire.clear_matchspies();
            mset.fetch();  // remote shards: the window's documents in one exchange, not one each
            std::vector<StoryEntry> stories = fold_stories(ranked);
            const bool every_match = ranked.size() < window;
            if (stories.size() >= wanted || every_match || window >= kMaxStoryWindow) {
                for (std::size_t i = offset; i < stories.size() && i < wanted; ++i) page.push_back(std::move(stories[i]));
                break;
            }
        }
    } else {
        for (PageEntry& e : rank_page(offset, limit)) page.push_back({e, {}});
    }
    result.total = one_pass ? mset.get_matches_lower_bound() : mset.get_matches_estimated();
    const bool cut_short = one_pass && mset.get_matches_lower_bound() != mset.get_matches_upper_bound();
    if (one_pass) counter->drill_down(db_.all, deadline);

    std::size_t rank = request.offset;
    std::map<std::string, double> frequencies;  // --explain's, shared by the hits
    for (const StoryEntry& story : page) {
        const PageEntry& entry = story.shown;
        SearchHit hit;
        hit.rank = ++rank;
        hit.score = entry.score;
        hit.article = stored_article(entry.it.get_document());
        if (!story.also.empty()) hit.story = hit.article.id;
        for (const PageEntry& other : story.also) {
            Article a = stored_article(other.it.get_document());
            hit.story = std::min(hit.story, a.id);
            hit.also.push_back({std::move(a.id), std::move(a.source), std::move(a.title)});
        }
        if (request.explain) {
            hit.explanation = explain_hit(enquire, entry.it, db_.all, frequencies);
            if (entry.proximity > 0)
                hit.explanation += " + proximity of neighbouring words " + std::to_string(entry.proximity);
            for (const auto& e : parsed.expansions) hit.explanation += "\nsynonyms: " + e;
        }
        result.hits.push_back(std::move(hit));
    }
    const Analyzer& analyzer = Analyzer::standard();
    if (request.snippets) {
        snippet_jobs.publish(result.hits.size(), [&](std::size_t i) {
            // Passages come from the first 32 KiB: re-analysing whole 300 KB manuals dominated p99 latency.
            constexpr std::size_t kSnippetScanBytes = 32 * 1024;
            std::string_view body = result.hits[i].article.body;
            if (body.size() > kSnippetScanBytes) {
                std::size_t cut = kSnippetScanBytes;
                while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
                body = body.substr(0, cut);
            }
            result.hits[i].snippet = make_snippet(body, parsed.highlights, analyzer);
        });
    }
    snippet_jobs.publish(0, {});  // no snippets asked: release the helper
    snippet_jobs.take_all();
    // Cheap when every word is known (a few term lookups); scans the vocabulary only for unknown ones.
    if (!request.query.empty()) result.suggestion = suggest(db_.all, request.query, analyzer);
    helper_done.get();  // rethrows what the helper ran into
    if (counted) result.total = *counted;
    if (counter) result.facets = counter->facets(request.facet_limit);
    if (cut_short || (counter && counter->cut_short())) {
        // Both are lower bounds: the matches counted, and those the ranking saw.
        result.total = std::max<std::size_t>(result.total, mset.get_matches_lower_bound());
        result.partial = true;
        std::ostringstream written;
        written << request.time_limit_ms;
        std::string ms = written.str();
        std::replace(ms.begin(), ms.end(), '.', ',');  // « 0,5 ms », as the human view writes numbers
        result.notices.push_back("temps limite de " + ms +
                                 " ms atteint : le total et les facettes ne comptent qu'une partie des articles trouvés");
    }
    if (on_servers) {
        ServerCounts counts = count_on_servers(db_.all, parsed, query, request.facet_limit);
        result.total = counts.total;
        result.facets = std::move(counts.facets);
    }
    return result;
}

}  // namespace veille
