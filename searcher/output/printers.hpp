// printers.hpp — the concrete printers behind make_printer, and the text helpers they share.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "searcher/output/printer.hpp"

namespace veille {

/// Numbered results, facet summary, suggestion; ANSI colours when `color`.
std::unique_ptr<Printer> make_human_printer(bool color);
/// One JSON object per print() on one line (the README schema).
std::unique_ptr<Printer> make_json_printer();
/// TREC run lines `qid Q0 docid rank score tag`.
std::unique_ptr<Printer> make_trec_printer(std::string qid, std::string tag);

/// The snippet for HTML/JSON: &, <, > escaped, then markers → <mark>…</mark> (« l’<mark>IA</mark> »).
std::string snippet_to_html(std::string_view snippet);
/// Text for the terminal: control characters dropped, tabs and newlines as spaces (a title holding
/// « \x1b[2J » must not drive the terminal).
std::string printable(std::string_view text);
/// What leads the list of a story's other tellings: « + 1 autre source : », « + 3 autres sources : ».
std::string other_sources_label(std::size_t count);

}  // namespace veille
