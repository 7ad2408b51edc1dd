// rerank.cpp — positions come from the database (local or remote shards alike), one list per
// query word per re-scored document; the statistics (document count, average length, term
// frequencies) are the whole collection's, so shards score exactly as one database.
#include "searcher/match/rerank.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace veille {

namespace {

std::vector<Xapian::termpos> positions(const Xapian::Database& db, Xapian::docid did, const std::string& term) {
    std::vector<Xapian::termpos> out;
    for (auto it = db.positionlist_begin(did, term); it != db.positionlist_end(did, term); ++it) out.push_back(*it);
    return out;
}

// Occurrences of `a` followed by `b` within `gap` positions, and occurrences of `a` with `b`
// within `window` positions on either side (both lists sorted).
std::pair<unsigned, unsigned> pair_counts(const std::vector<Xapian::termpos>& a, const std::vector<Xapian::termpos>& b,
                                          Xapian::termpos gap, Xapian::termpos window) {
    // Two words « within a window of 8 » span at most 8 positions: 7 apart.
    const Xapian::termpos reach = window > 0 ? window - 1 : 0;
    unsigned ordered = 0, near = 0;
    auto lo = b.begin();
    for (const Xapian::termpos p : a) {
        const Xapian::termpos from = p >= reach ? p - reach : 0;
        while (lo != b.end() && *lo < from) ++lo;
        bool in_order = false, in_window = false;
        for (auto it = lo; it != b.end() && *it <= p + std::max(reach, gap); ++it) {
            if (*it == p) continue;
            if (*it + reach >= p && *it <= p + reach) in_window = true;
            if (*it > p && *it - p <= gap) in_order = true;
        }
        ordered += in_order;
        near += in_window;
    }
    return {ordered, near};
}

}  // namespace

RankedPage rank_in_two_stages(const Xapian::Enquire& words, const Xapian::Database& db,
                              const std::vector<WordPair>& pairs, const RankingParams& params, Xapian::doccount offset,
                              Xapian::doccount limit, Xapian::doccount checkatleast) {
    const Xapian::doccount depth = params.rerank_depth;
    RankedPage page;
    page.mset = words.get_mset(0, std::max(depth, offset + limit), checkatleast);
    const Xapian::doccount head = std::min<Xapian::doccount>(depth, page.mset.size());

    std::vector<PageEntry> scored;
    scored.reserve(head);
    if (head > 0) {
        const double n = db.get_doccount();
        const double average = std::max(db.get_avlength(), 1.0);
        std::map<std::string, double> idf;
        for (const WordPair& p : pairs)
            for (const std::string* t : {&p.first, &p.second})
                if (!idf.count(*t)) {
                    const double tf = db.get_termfreq(*t);
                    idf[*t] = std::log(1 + (n - tf + 0.5) / (tf + 0.5));
                }
        for (Xapian::doccount i = 0; i < head; ++i) {
            const Xapian::MSetIterator it = page.mset[i];
            const Xapian::docid did = *it;
            const double length = std::max(db.get_doclength(did) / average, params.bm25_min_normlen);
            const double norm = params.bm25_k1 * (1 - params.bm25_b + params.bm25_b * length);
            // BM25+ of the pair's frequency, as the words themselves are weighted.
            const auto saturate = [&](double c) {
                return c > 0 ? c * (params.bm25_k1 + 1) / (c + norm) + params.bm25_delta : 0.0;
            };
            std::map<std::string, std::vector<Xapian::termpos>> seen;
            const auto of = [&](const std::string& t) -> const std::vector<Xapian::termpos>& {
                auto found = seen.find(t);
                if (found == seen.end()) found = seen.emplace(t, positions(db, did, t)).first;
                return found->second;
            };
            double extra = 0;
            for (const WordPair& p : pairs) {
                const auto& a = of(p.first);
                if (a.empty()) continue;
                const auto& b = of(p.second);
                if (b.empty()) continue;
                const auto [ordered, near] = pair_counts(a, b, p.gap, params.proximity_window);
                const double weight = idf[p.first] + idf[p.second];
                extra += params.proximity_ordered_weight * weight * saturate(ordered) +
                         params.proximity_unordered_weight * weight * saturate(near);
            }
            scored.push_back({it, it.get_weight() + extra, extra});
        }
        // Ties by id, as the first stage: relevance order sorts by the id slot, its sort key.
        std::stable_sort(scored.begin(), scored.end(), [](const PageEntry& x, const PageEntry& y) {
            if (x.score != y.score) return x.score > y.score;
            return x.it.get_sort_key() < y.it.get_sort_key();
        });
    }
    for (Xapian::doccount r = offset; r < offset + limit && r < page.mset.size(); ++r) {
        if (r < head) page.entries.push_back(scored[r]);
        else page.entries.push_back({page.mset[r], page.mset[r].get_weight(), 0});
    }
    return page;
}

}  // namespace veille
