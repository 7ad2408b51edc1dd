// facets.cpp — counting and ranking facet values.
#include "searcher/facets.hpp"

#include <algorithm>

#include "common/schema.hpp"

namespace veille {

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    const std::string joined = doc.get_value(slot_);
    std::size_t start = 0;
    while (start < joined.size()) {
        const std::size_t stop = std::min(joined.find('\n', start), joined.size());
        if (stop > start) ++counts_[joined.substr(start, stop - start)];
        start = stop + 1;
    }
}

std::vector<FacetCount> top_values(const std::unordered_map<std::string, std::size_t>& counts, std::size_t limit,
                                   bool chronological) {
    std::vector<FacetCount> out;
    out.reserve(counts.size());
    for (const auto& [value, count] : counts) out.push_back({value, count});
    if (chronological) {
        std::sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) { return a.value > b.value; });
    } else {
        std::sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
    }
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace veille
