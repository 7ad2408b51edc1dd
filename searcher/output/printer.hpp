// printer.hpp — one interface for every output format (human, JSON, TREC); commands never format inline.
#pragma once
#include <memory>
#include <ostream>
#include <string>

#include "searcher/request.hpp"

namespace veille {

enum class OutputFormat { Human, Json, Trec };

/// Renders results. Highlight markers (kMarkOpen/kMarkClose) become <mark>…</mark> in JSON and
/// colour (or nothing) in the human view.
class Printer {
public:
    virtual ~Printer() = default;
    /// One search's results. JSON: one object on one line (JSON Lines when called repeatedly).
    virtual void print(const SearchResult& result, std::ostream& out) = 0;
    /// A whole article (:open N).
    virtual void print_article(const Article& article, std::ostream& out) = 0;
};

/// `color`: ANSI colours in the human view (callers decide: a terminal and no NO_COLOR).
/// `trec_qid`/`trec_tag`: the first and last columns of TREC lines.
std::unique_ptr<Printer> make_printer(OutputFormat format, bool color, std::string trec_qid = "1",
                                      std::string trec_tag = "veille");

}  // namespace veille
