// deadline.cpp — time points on the steady clock (a wall-clock change never ends a search).
#include "searcher/match/deadline.hpp"

#include <algorithm>

namespace veille {

Deadline::Deadline(std::chrono::steady_clock::time_point start, double limit_ms) {
    if (limit_ms > 0)
        at_ = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                          std::chrono::duration<double, std::milli>(limit_ms));
}

double Deadline::seconds_left() const {
    if (!at_) return 0;
    const double left = std::chrono::duration<double>(*at_ - std::chrono::steady_clock::now()).count();
    return std::max(left, 1e-6);
}

}  // namespace veille
