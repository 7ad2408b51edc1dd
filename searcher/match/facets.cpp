// facets.cpp — facet columns filled on first sight, counting and ranking facet values.
#include "searcher/match/facets.hpp"

#include <algorithm>

#include "common/schema.hpp"

namespace veille {

void FacetColumn::clear() {
    start_.clear();
    length_.clear();
    ids_.clear();
    names_.clear();
    id_of_.clear();
}

void FacetColumn::learn(Xapian::docid did, const std::string& joined) {
    if (did >= start_.size()) {
        start_.resize(did + 1, kUnknown);
        length_.resize(did + 1, 0);
    }
    const auto first = static_cast<std::uint32_t>(ids_.size());
    for (const std::string_view value : split(joined)) ids_.push_back(intern(value));
    start_[did] = first;
    length_[did] = static_cast<std::uint8_t>(ids_.size() - first);
}

std::uint32_t FacetColumn::intern(std::string_view value) {
    auto it = id_of_.find(value);
    if (it == id_of_.end()) {
        it = id_of_.emplace(std::string(value), static_cast<std::uint32_t>(names_.size())).first;
        names_.emplace_back(value);
    }
    return it->second;
}

// At most UINT8_MAX values per document: length_ holds a byte.
std::vector<std::string_view> FacetColumn::split(const std::string& joined) {
    std::vector<std::string_view> values = split_values(joined);
    if (values.size() > UINT8_MAX) values.resize(UINT8_MAX);
    return values;
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    // Over several shards, a Xapian 1.4 document's get_docid() is its id in its shard, not in the
    // whole (Database::get_document(5) over 3 shards says 2): caching by it mixed documents of
    // different shards, and facet counts differed from one database's.
    if (shards_ > 1) return column_.each_value_of(doc.get_value(column_.slot()), [&](std::uint32_t id) { bump(id); });
    add(doc.get_docid(), [&] { return doc.get_value(column_.slot()); });
}

std::vector<FacetCount> FacetSpy::top(std::size_t limit, bool chronological) const {
    std::vector<FacetCount> out;
    for (std::uint32_t id = 0; id < counts_.size(); ++id)
        if (counts_[id] > 0) out.push_back({column_.name(id), counts_[id]});
    return top_counts(std::move(out), limit, chronological);
}

std::vector<FacetCount> top_counts(std::vector<FacetCount> out, std::size_t limit, bool chronological) {
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
