// match_set.hpp — a query reduced to what decides which documents match, for counting them.
#pragma once
#include <xapian.h>

namespace veille {

/// The same match set as `query`, without the parts that only weigh: weight scales, AND_MAYBE's
/// optional side, title-boost terms beside their body term, the « every word » bonus beside its
/// words. Counting every match (exact totals, facets) then merges fewer posting lists: the ranked
/// query for « fichier de configuration » reads 6 lists, this one 2. Operators it cannot rebuild
/// through the public API (phrases, NEAR, value ranges, wildcards, synonyms) are kept whole.
Xapian::Query match_set_only(const Xapian::Query& query);

}  // namespace veille
