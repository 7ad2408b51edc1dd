// server_facets.cpp — a ValueCountMatchSpy serialises itself to each xapian-tcpsrv, counts there and
// sends back value → count maps, which Xapian merges on the client; no posting list or document
// crosses the network. Multi-valued fields are stored joined in one slot (schema.hpp), so a spy
// counts combinations, and splitting them on the client is exact: each document adds one to exactly
// one combination of each field.
#include "searcher/match/server_facets.hpp"

#include <cstdint>
#include <memory>
#include <unordered_map>

#include "common/schema.hpp"
#include "searcher/match/facets.hpp"
#include "searcher/match/match_set.hpp"

namespace veille {

namespace {

// The matches of `query`, counted; `spies` filled with their values.
Xapian::doccount run_spies(const Xapian::Database& db, const Xapian::Query& query,
                           const std::vector<Xapian::ValueCountMatchSpy*>& spies) {
    Xapian::Enquire enquire(db);
    enquire.set_query(match_set_only(query));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    for (auto* spy : spies) enquire.add_matchspy(spy);
    // checkatleast = every document: each match is seen (exact counts, exact total).
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_lower_bound();
}

// The `limit` top values of one spy, ranked as FacetSpy::top ranks them (top_counts).
std::vector<FacetCount> top(const Xapian::ValueCountMatchSpy& spy, std::size_t limit, bool chronological) {
    std::unordered_map<std::string, std::size_t> counts;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        const std::string joined = *it;
        std::vector<std::string_view> values = split_values(joined);
        if (values.size() > UINT8_MAX) values.resize(UINT8_MAX);  // as FacetColumn keeps them
        for (const std::string_view v : values) counts[std::string(v)] += it.get_termfreq();
    }
    std::vector<FacetCount> out;
    for (auto& [value, count] : counts) out.push_back({value, count});
    return top_counts(std::move(out), limit, chronological);
}

}  // namespace

ServerCounts count_on_servers(const Xapian::Database& db, const ParsedQuery& parsed, const Xapian::Query& query,
                              std::size_t limit) {
    ServerCounts out;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    std::vector<Xapian::ValueCountMatchSpy*> unfiltered;
    for (const Field* f : kFacetFields) {
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(f->facet_slot));
        if (!parsed.filters.has(std::string(f->name))) unfiltered.push_back(spies.back().get());
    }
    out.total = run_spies(db, query, unfiltered);
    for (std::size_t i = 0; i < std::size(kFacetFields); ++i) {
        const std::string field(kFacetFields[i]->name);
        if (parsed.filters.has(field)) run_spies(db, parsed.full(field), {spies[i].get()});
        out.facets[field] = top(*spies[i], limit, kFacetFields[i]->chronological);
    }
    return out;
}

}  // namespace veille
