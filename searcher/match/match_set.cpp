// match_set.cpp — rebuilds OR/AND/FILTER/AND_NOT trees from their reduced children; only drops a
// child whose matches another child already covers.
#include "searcher/match/match_set.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "common/schema.hpp"

namespace veille {

namespace {

using Q = Xapian::Query;

std::vector<Q> reduced_children(const Q& q) {
    std::vector<Q> out;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) out.push_back(match_set_only(q.get_subquery(i)));
    return out;
}

// The term of a one-term query, or "".
std::string single_term(const Q& q) {
    if (q.get_type() != Q::LEAF_TERM) return {};
    const auto it = q.get_terms_begin();
    return it == q.get_terms_end() ? std::string() : *it;
}

// Within an OR: a title term « ZSx » is covered by « Zx » (titles are indexed as body words too), and
// an AND, a phrase or a window by its siblings when one of its parts is: a sibling itself, or an OR
// of siblings.
std::vector<Q> without_covered(const std::vector<Q>& children) {
    std::vector<std::string> terms, descriptions;
    for (const Q& c : children) {
        terms.push_back(single_term(c));
        descriptions.push_back(c.get_description());
    }
    const auto has_term = [&](const std::string& t) { return std::find(terms.begin(), terms.end(), t) != terms.end(); };
    const auto is_sibling = [&](const Q& q, std::size_t self) {
        const std::string d = q.get_description();
        for (std::size_t k = 0; k < descriptions.size(); ++k)
            if (k != self && descriptions[k] == d) return true;
        return false;
    };
    const auto covered = [&](const Q& part, std::size_t self) {
        if (is_sibling(part, self)) return true;
        if (part.get_type() != Q::OP_OR) return false;
        for (std::size_t k = 0; k < part.get_num_subqueries(); ++k)
            if (!is_sibling(part.get_subquery(k), self)) return false;
        return true;
    };
    std::vector<Q> kept;
    for (std::size_t i = 0; i < children.size(); ++i) {
        const Q& c = children[i];
        const std::string& t = terms[i];
        if (t.starts_with(prefix::kTitleStem)) {
            std::string body_term(prefix::kStem);
            body_term.append(t, prefix::kTitleStem.size());
            if (has_term(body_term)) continue;
        }
        // A phrase or window matches a subset of each of its words' matches: the proximity features
        // of a run of words (query_units.cpp) add weight only, so counting never checks positions.
        const auto type = c.get_type();
        if (type == Q::OP_AND || type == Q::OP_PHRASE || type == Q::OP_NEAR) {
            bool dropped = false;
            for (std::size_t k = 0; k < c.get_num_subqueries() && !dropped; ++k) dropped = covered(c.get_subquery(k), i);
            if (dropped) continue;
        }
        kept.push_back(c);
    }
    return kept;
}

// OR is associative: nested ORs become one list, so that coverage is judged among all of them.
std::vector<Q> flattened_or(const std::vector<Q>& children) {
    std::vector<Q> out;
    for (const Q& c : children) {
        if (c.get_type() != Q::OP_OR) {
            out.push_back(c);
            continue;
        }
        for (std::size_t k = 0; k < c.get_num_subqueries(); ++k) out.push_back(c.get_subquery(k));
    }
    return out;
}

}  // namespace

Xapian::Query match_set_only(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Q::OP_SCALE_WEIGHT:
        case Q::OP_AND_MAYBE:
            return match_set_only(query.get_subquery(0));
        case Q::OP_OR: {
            const std::vector<Q> kept = without_covered(flattened_or(reduced_children(query)));
            return kept.size() == 1 ? kept.front() : Q(Q::OP_OR, kept.begin(), kept.end());
        }
        case Q::OP_AND:
        case Q::OP_FILTER:
        case Q::OP_AND_NOT: {
            const std::vector<Q> children = reduced_children(query);
            return Q(query.get_type(), children.begin(), children.end());
        }
        default:
            return query;
    }
}

}  // namespace veille
