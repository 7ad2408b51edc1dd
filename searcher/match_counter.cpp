// match_counter.cpp — spies on the ranking pass or on an unweighted pass; one more unweighted pass
// per filtered facet field.
#include "searcher/match_counter.hpp"

#include "searcher/match_set.hpp"

namespace veille {

MatchCounter::MatchCounter(std::vector<FacetColumn>& columns, const ParsedQuery& parsed, const Xapian::Query& query)
    : match_set_(match_set_only(query).serialise()) {
    for (std::size_t i = 0; i < std::size(kFacetFields); ++i) {
        const auto* field = kFacetFields[i].filter_field;
        filtered_.push_back(parsed.filters.has(field));
        sides_.push_back(filtered_.back() ? match_set_only(parsed.full(field)).serialise() : std::string());
        spies_.push_back(std::make_unique<FacetSpy>(columns[i]));
    }
}

void MatchCounter::attach(Xapian::Enquire& enquire) {
    for (std::size_t i = 0; i < spies_.size(); ++i)
        if (!filtered_[i]) enquire.add_matchspy(spies_[i].get());
}

Xapian::doccount MatchCounter::count(const Xapian::Database& db) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::unserialise(match_set_));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    attach(enquire);
    const Xapian::doccount total = enquire.get_mset(0, 0, db.get_doccount()).get_matches_lower_bound();
    drill_down(db);
    return total;
}

void MatchCounter::drill_down(const Xapian::Database& db) {
    for (std::size_t i = 0; i < spies_.size(); ++i) {
        if (!filtered_[i]) continue;
        Xapian::Enquire side(db);
        side.set_query(Xapian::Query::unserialise(sides_[i]));
        side.set_weighting_scheme(Xapian::BoolWeight());
        side.add_matchspy(spies_[i].get());
        side.get_mset(0, 0, db.get_doccount());
    }
}

std::map<std::string, std::vector<FacetCount>> MatchCounter::facets(std::size_t limit) const {
    std::map<std::string, std::vector<FacetCount>> out;
    for (std::size_t i = 0; i < std::size(kFacetFields); ++i)
        out[kFacetFields[i].name] = spies_[i]->top(limit, kFacetFields[i].chronological);
    return out;
}

}  // namespace veille
