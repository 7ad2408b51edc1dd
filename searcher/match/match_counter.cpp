// match_counter.cpp — spies on the ranking pass, or counts a bitmap of the matches (an unweighted
// pass when there is none); one more count per filtered facet field.
#include "searcher/match/match_counter.hpp"

#include <optional>

#include "common/schema.hpp"
#include "searcher/match/match_bitmap.hpp"
#include "searcher/match/match_set.hpp"

namespace veille {

MatchCounter::MatchCounter(std::vector<FacetColumn>& columns, const ParsedQuery& parsed, const Xapian::Query& query,
                           std::size_t shards)
    : match_set_(match_set_only(query).serialise()) {
    for (std::size_t i = 0; i < std::size(kFacetFields); ++i) {
        const std::string field(kFacetFields[i]->name);
        filtered_.push_back(parsed.filters.has(field));
        sides_.push_back(filtered_.back() ? match_set_only(parsed.full(field)).serialise() : std::string());
        spies_.push_back(std::make_unique<FacetSpy>(columns[i], shards));
    }
}

void MatchCounter::attach(Xapian::Enquire& enquire) {
    for (std::size_t i = 0; i < spies_.size(); ++i)
        if (!filtered_[i]) enquire.add_matchspy(spies_[i].get());
}

namespace {

// Thrown from inside a bitmap walk at the deadline, caught below.
struct Stop {};

// Counts the matches of `query` into `spies`: from a bitmap of its posting lists when match_bitmap()
// takes it, else through an unweighted pass of the matcher. Returns the number of matches seen;
// sets `cut` when the deadline stopped the count (a pass not begun by then is not begun).
Xapian::doccount count_into(const Xapian::Database& db, const std::string& serialised,
                            const std::vector<FacetSpy*>& spies, const Deadline& deadline, bool& cut) {
    if (deadline.passed()) {
        cut = true;
        return 0;
    }
    const Xapian::Query query = Xapian::Query::unserialise(serialised);
    if (const std::optional<DocBitmap> matches = match_bitmap(db, query)) {
        // Values a column has not seen yet come from the slot's value stream, read forwards like the
        // matcher does (a document's values looked up one by one cost 20 times more).
        struct Stream {
            Xapian::ValueIterator at, end;
            bool open = false;
        };
        std::vector<Stream> streams(spies.size());
        Xapian::doccount seen = 0;
        try {
            matches->each([&](Xapian::docid did) {
                // The clock once every 4,096 matches: about every tenth of a millisecond.
                if (deadline.set() && (seen & 4095) == 4095 && deadline.passed()) throw Stop{};
                ++seen;
                for (std::size_t k = 0; k < spies.size(); ++k) {
                    spies[k]->add(did, [&] {
                        Stream& s = streams[k];
                        if (!s.open)
                            s = {db.valuestream_begin(spies[k]->slot()), db.valuestream_end(spies[k]->slot()), true};
                        if (s.at != s.end) s.at.skip_to(did);
                        return s.at != s.end && s.at.get_docid() == did ? *s.at : std::string();
                    });
                }
            });
        } catch (const Stop&) {
            cut = true;
            return seen;
        }
        return static_cast<Xapian::doccount>(matches->count());
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    for (FacetSpy* spy : spies) enquire.add_matchspy(spy);
    // Past the limit Xapian stops visiting every match; the bounds then differ.
    if (deadline.set()) enquire.set_time_limit(deadline.seconds_left());
    const Xapian::MSet all = enquire.get_mset(0, 0, db.get_doccount());
    if (all.get_matches_lower_bound() != all.get_matches_upper_bound()) cut = true;
    return all.get_matches_lower_bound();
}

}  // namespace

Xapian::doccount MatchCounter::count(const Xapian::Database& db, const Deadline& deadline) {
    std::vector<FacetSpy*> unfiltered;
    for (std::size_t i = 0; i < spies_.size(); ++i)
        if (!filtered_[i]) unfiltered.push_back(spies_[i].get());
    const Xapian::doccount total = count_into(db, match_set_, unfiltered, deadline, cut_short_);
    drill_down(db, deadline);
    return total;
}

void MatchCounter::drill_down(const Xapian::Database& db, const Deadline& deadline) {
    for (std::size_t i = 0; i < spies_.size(); ++i)
        if (filtered_[i]) count_into(db, sides_[i], {spies_[i].get()}, deadline, cut_short_);
}

std::map<std::string, std::vector<FacetCount>> MatchCounter::facets(std::size_t limit) const {
    std::map<std::string, std::vector<FacetCount>> out;
    for (std::size_t i = 0; i < std::size(kFacetFields); ++i)
        out[std::string(kFacetFields[i]->name)] = spies_[i]->top(limit, kFacetFields[i]->chronological);
    return out;
}

}  // namespace veille
