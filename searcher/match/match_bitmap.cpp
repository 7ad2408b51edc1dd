// match_bitmap.cpp — a recursive walk of the query tree: leaves read their posting list into a
// bitmap, operators combine their children's bitmaps.
#include "searcher/match/match_bitmap.hpp"

namespace veille {

void DocBitmap::unite(const DocBitmap& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
}

void DocBitmap::intersect(const DocBitmap& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= other.words_[i];
}

void DocBitmap::subtract(const DocBitmap& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= ~other.words_[i];
}

std::size_t DocBitmap::count() const {
    std::size_t n = 0;
    for (const std::uint64_t w : words_) n += static_cast<std::size_t>(std::popcount(w));
    return n;
}

namespace {

using Q = Xapian::Query;

// The postings of `term` ("" = every document), added to `out`.
void add_postings(const Xapian::Database& db, const std::string& term, DocBitmap& out) {
    for (auto it = db.postlist_begin(term), end = db.postlist_end(term); it != end; ++it) out.set(*it);
}

bool is_boolean(Q::op op) {
    return op == Q::OP_SCALE_WEIGHT || op == Q::OP_OR || op == Q::OP_SYNONYM || op == Q::OP_AND ||
           op == Q::OP_FILTER || op == Q::OP_AND_NOT;
}

// Whether every other operator (a phrase, a value range…) sits under ORs only (or on the kept side of
// an AND_NOT): the matcher would then visit all its matches anyway, and collecting them apart costs
// the same. Under an AND, the matcher checks it only on the other side's candidates.
bool worth_a_bitmap(const Q& q, bool only_ors_above) {
    const Q::op op = q.get_type();
    if (op == Q::LEAF_TERM || op == Q::LEAF_MATCH_ALL || op == Q::LEAF_MATCH_NOTHING) return true;
    if (!is_boolean(op)) return only_ors_above;
    const bool ors = only_ors_above && (op == Q::OP_OR || op == Q::OP_SYNONYM || op == Q::OP_SCALE_WEIGHT);
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        // AND_NOT visits all of its first side too.
        const bool visited_whole = ors || (only_ors_above && op == Q::OP_AND_NOT && i == 0);
        if (!worth_a_bitmap(q.get_subquery(i), visited_whole)) return false;
    }
    return true;
}

// The matches of an operator the bitmap does not decide itself, collected through the matcher.
void collect(const Xapian::Database& db, const Q& q, DocBitmap& out) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    for (auto it = all.begin(); it != all.end(); ++it) out.set(*it);
}

DocBitmap evaluate(const Xapian::Database& db, const Q& q, Xapian::docid last) {
    switch (q.get_type()) {
        case Q::LEAF_TERM: {
            DocBitmap out(last);
            const auto term = q.get_terms_begin();
            if (term != q.get_terms_end()) add_postings(db, *term, out);
            return out;
        }
        case Q::LEAF_MATCH_ALL: {
            DocBitmap out(last);
            add_postings(db, std::string(), out);
            return out;
        }
        case Q::LEAF_MATCH_NOTHING:
            return DocBitmap(last);
        case Q::OP_SCALE_WEIGHT:
            return evaluate(db, q.get_subquery(0), last);
        case Q::OP_OR:
        case Q::OP_SYNONYM:
        case Q::OP_AND:
        case Q::OP_FILTER:
        case Q::OP_AND_NOT: {
            const std::size_t n = q.get_num_subqueries();
            if (n == 0) return DocBitmap(last);
            DocBitmap out = evaluate(db, q.get_subquery(0), last);
            const Q::op op = q.get_type();
            for (std::size_t i = 1; i < n; ++i) {
                const DocBitmap child = evaluate(db, q.get_subquery(i), last);
                if (op == Q::OP_OR || op == Q::OP_SYNONYM) out.unite(child);
                else if (op == Q::OP_AND_NOT) out.subtract(child);
                else out.intersect(child);
            }
            return out;
        }
        default: {
            DocBitmap out(last);
            collect(db, q, out);
            return out;
        }
    }
}

}  // namespace

std::optional<DocBitmap> match_bitmap(const Xapian::Database& db, const Xapian::Query& query) {
    if (!worth_a_bitmap(query, true)) return std::nullopt;
    return evaluate(db, query, db.get_lastdocid());
}

}  // namespace veille
