// tie_order.hpp — a page of a date-ordered search whose ties are ordered by article id, not by docid.
#pragma once
#include <vector>

#include <xapian.h>

namespace veille {

/// One page of results: `mset` holds them and `order` the positions in it to show, in order.
struct OrderedPage {
    Xapian::MSet mset;
    std::vector<Xapian::doccount> order;
};

/// Runs `enquire` (sorted by a value or key, then relevance) for the page [offset, offset + limit)
/// and orders documents that tie on both the sort key and the weight by their id (slot::kId).
/// Xapian orders such ties by document id, which depends on how the articles were spread over
/// shards: articles of the same day with the same score (« * » sorted by date) then came in another
/// order from 3 shards than from one database. `checkatleast` is passed to get_mset(). Match spies
/// attached to `enquire` see the first fetch only: a wider one clears them, so that a count made
/// while ranking counts each match once.
OrderedPage ordered_page(Xapian::Enquire& enquire, Xapian::doccount offset, Xapian::doccount limit,
                         Xapian::doccount checkatleast);

}  // namespace veille
