// deadline.hpp — a search's time limit: when counting every match stops.
#pragma once
#include <chrono>
#include <optional>

namespace veille {

/// The moment a search stops counting (SearchRequest::time_limit_ms after the search began), or
/// none. Only the exhaustive count is cut (the total, the facets): the ranking keeps pruning as it
/// always does, so the page of results stays exact and the answer says its counts are partial.
class Deadline {
public:
    Deadline() = default;
    /// No limit when `limit_ms` is 0.
    Deadline(std::chrono::steady_clock::time_point start, double limit_ms);

    [[nodiscard]] bool set() const { return at_.has_value(); }
    [[nodiscard]] bool passed() const { return at_ && std::chrono::steady_clock::now() >= *at_; }
    /// Seconds left, at least a microsecond (for Xapian::Enquire::set_time_limit); 0 when unset.
    [[nodiscard]] double seconds_left() const;

private:
    std::optional<std::chrono::steady_clock::time_point> at_;
};

}  // namespace veille
