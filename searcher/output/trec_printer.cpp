// trec_printer.cpp — TREC run lines (`qid Q0 docid rank score tag`), the input trec_eval reads.
#include "searcher/output/printers.hpp"

#include "common/text/ascii.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace veille {

namespace {

// trec_eval splits on whitespace: an id with a space would shift every column.
std::string one_field(std::string s) {
    for (char& c : s)
        if (is_space(c)) c = '_';
    return s.empty() ? std::string("-") : s;
}

bool all_digits(const std::string& s) {
    return !s.empty() && s.size() < 10 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class TrecPrinter final : public Printer {
public:
    TrecPrinter(std::string qid, std::string tag) : qid_(one_field(std::move(qid))), tag_(one_field(std::move(tag))) {}

    void print(const SearchResult& r, std::ostream& out) override {
        // Queries piped one per line are topics 1, 2, 3…: a numeric qid counts up from the one given,
        // so the run stays a valid trec_eval input instead of merging every query into one topic.
        std::string qid = qid_;
        if (calls_ > 0 && all_digits(qid_)) qid = std::to_string(std::stoul(qid_) + calls_);
        ++calls_;
        char score[64];
        for (const SearchHit& hit : r.hits) {
            std::snprintf(score, sizeof score, "%.6f", hit.score);
            out << qid << " Q0 " << one_field(hit.article.id) << ' ' << hit.rank << ' ' << score << ' ' << tag_ << '\n';
        }
    }

    void print_article(const Article& a, std::ostream& out) override {
        // TREC has no article format; the plain human view is the useful answer.
        make_human_printer(false)->print_article(a, out);
    }

private:
    std::string qid_;
    std::string tag_;
    std::size_t calls_ = 0;
};

}  // namespace

std::unique_ptr<Printer> make_trec_printer(std::string qid, std::string tag) {
    return std::make_unique<TrecPrinter>(std::move(qid), std::move(tag));
}

}  // namespace veille
