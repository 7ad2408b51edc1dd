// facets.hpp — exact, multi-valued facet counts over the whole match set.
#pragma once
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "searcher/request.hpp"

namespace veille {

/// Counts the '\n'-joined values of one slot for every matching document it is shown.
class FacetSpy : public Xapian::MatchSpy {
public:
    explicit FacetSpy(Xapian::valueno slot) : slot_(slot) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    [[nodiscard]] std::string name() const override { return "veille::FacetSpy"; }
    [[nodiscard]] const std::unordered_map<std::string, std::size_t>& counts() const { return counts_; }

private:
    Xapian::valueno slot_;
    std::unordered_map<std::string, std::size_t> counts_;
};

/// The `limit` most frequent values (ties by value); `chronological`: the newest `limit` values instead.
std::vector<FacetCount> top_values(const std::unordered_map<std::string, std::size_t>& counts, std::size_t limit,
                                   bool chronological);

/// The facets veille counts: name in SearchResult::facets, filter field, value slot.
struct FacetField {
    const char* name;
    const char* filter_field;
    Xapian::valueno slot;
    bool chronological;
};
inline constexpr FacetField kFacetFields[] = {
    {"company", "company", 1, false},
    {"topic", "topic", 2, false},
    {"date", "date", 3, true},
};

}  // namespace veille
