// tie_order.cpp — the page is fetched from the first result, and further while the last result ties
// with the page's last, so that every member of a tie group crossing the page boundary is known;
// each group is then sorted by id. Only the date orders need it: relevance order already breaks ties
// on the id slot (Enquire::set_sort_by_relevance_then_value), which the date orders cannot add
// between the date and the weight.
#include "searcher/match/tie_order.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "common/schema.hpp"

namespace veille {

namespace {

bool ties(const Xapian::MSet& m, Xapian::doccount a, Xapian::doccount b) {
    return m[a].get_sort_key() == m[b].get_sort_key() && m[a].get_weight() == m[b].get_weight();
}

}  // namespace

OrderedPage ordered_page(Xapian::Enquire& enquire, Xapian::doccount offset, Xapian::doccount limit,
                         Xapian::doccount checkatleast) {
    OrderedPage page;
    const Xapian::doccount end = offset + limit;
    Xapian::doccount fetch = end + 16;
    for (;;) {
        page.mset = enquire.get_mset(0, fetch, checkatleast);
        const Xapian::doccount size = page.mset.size();
        // Complete when the matches ran out, or the group of the page's last result ends inside them.
        if (size < fetch || end == 0 || !ties(page.mset, end - 1, size - 1)) break;
        // The spies counting while ranking saw every match once: the wider fetch must not count
        // them again (40 copies of one story, one day, one score, crossing the page: facets doubled).
        enquire.clear_matchspies();
        fetch *= 2;
    }
    const Xapian::doccount size = page.mset.size();
    std::vector<Xapian::doccount> all(size);
    std::iota(all.begin(), all.end(), 0);
    std::vector<std::string> ids(size);
    for (Xapian::doccount first = 0; first < size && first < end;) {
        Xapian::doccount last = first + 1;
        while (last < size && ties(page.mset, first, last)) ++last;
        if (last - first > 1 && last > offset) {
            for (Xapian::doccount i = first; i < last; ++i) ids[i] = page.mset[i].get_document().get_value(slot::kId);
            std::sort(all.begin() + first, all.begin() + last,
                      [&](Xapian::doccount a, Xapian::doccount b) { return ids[a] < ids[b]; });
        }
        first = last;
    }
    for (Xapian::doccount i = offset; i < end && i < size; ++i) page.order.push_back(all[i]);
    return page;
}

}  // namespace veille
