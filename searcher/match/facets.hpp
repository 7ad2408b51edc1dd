// facets.hpp — exact, multi-valued facet counts over the whole match set.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/string_hash.hpp"
#include "searcher/request.hpp"

namespace veille {

/// Each document's values of one facet slot, as small integers, kept for the life of the process
/// and filled as documents are first counted: after a few queries, counting a match set costs an
/// array increment per value instead of a value-stream read and a string hash per document
/// (44% of a 32,000-match query at 100,000 articles). Forgotten when the database changes.
class FacetColumn {
public:
    explicit FacetColumn(Xapian::valueno slot) : slot_(slot) {}
    [[nodiscard]] Xapian::valueno slot() const { return slot_; }
    /// Drops everything (the database was reopened on a new revision).
    void clear();
    /// Calls `count(id)` for each value of document `did`; on first sight, `fetch()` returns its
    /// slot value, which is split and interned.
    template <typename Fetch, typename Count>
    void each_value(Xapian::docid did, Fetch&& fetch, Count&& count) {
        if (did >= start_.size() || start_[did] == kUnknown) learn(did, fetch());
        for (std::uint32_t i = start_[did], end = i + length_[did]; i < end; ++i) count(ids_[i]);
    }
    /// Calls `count(id)` for each value of `joined` without remembering whose they are: for a match
    /// spy over several shards, whose documents do not carry the docid of the whole database.
    template <typename Count>
    void each_value_of(const std::string& joined, Count&& count) {
        for (const std::string_view value : split(joined)) count(intern(value));
    }
    [[nodiscard]] const std::string& name(std::uint32_t id) const { return names_[id]; }
    [[nodiscard]] std::size_t values() const { return names_.size(); }

private:
    static constexpr std::uint32_t kUnknown = UINT32_MAX;
    void learn(Xapian::docid did, const std::string& joined);
    std::uint32_t intern(std::string_view value);
    static std::vector<std::string_view> split(const std::string& joined);

    Xapian::valueno slot_;
    std::vector<std::uint32_t> start_;   // by docid: first entry in ids_, or kUnknown
    std::vector<std::uint8_t> length_;   // by docid: number of values
    std::vector<std::uint32_t> ids_;
    std::vector<std::string> names_;     // by id
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> id_of_;
};

/// The `limit` most frequent of `counts` (ties by value); `chronological`: the newest `limit` values instead.
std::vector<FacetCount> top_counts(std::vector<FacetCount> counts, std::size_t limit, bool chronological);

/// Counts one facet's values for every matching document it is shown.
class FacetSpy : public Xapian::MatchSpy {
public:
    /// `shards`: the number of shards of the database searched; with more than one, documents seen
    /// by the spy are counted without the column's docid cache.
    explicit FacetSpy(FacetColumn& column, std::size_t shards = 1) : column_(column), shards_(shards) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    [[nodiscard]] Xapian::valueno slot() const { return column_.slot(); }
    /// Counts document `did` outside a match; `fetch()` returns its slot value if it must be read.
    template <typename Fetch>
    void add(Xapian::docid did, Fetch&& fetch) {
        column_.each_value(did, fetch, [&](std::uint32_t id) { bump(id); });
    }
    [[nodiscard]] std::string name() const override { return "veille::FacetSpy"; }
    /// The `limit` most frequent values (ties by value); `chronological`: the newest `limit` values instead.
    [[nodiscard]] std::vector<FacetCount> top(std::size_t limit, bool chronological) const;

private:
    void bump(std::uint32_t id) {
        if (id >= counts_.size()) counts_.resize(column_.values(), 0);
        ++counts_[id];
    }

    FacetColumn& column_;
    std::size_t shards_;
    std::vector<std::size_t> counts_;  // by value id
};

}  // namespace veille
