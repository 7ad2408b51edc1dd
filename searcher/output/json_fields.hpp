// json_fields.hpp — one result's JSON and the one-line writer, shared by search and watch printers.
#pragma once
#include <ostream>

#include <nlohmann/json.hpp>

#include "searcher/request.hpp"

namespace veille {

/// One result as `veille-search --json` lists it: rank, id, score, title, date, date_origin,
/// source, url, companies, topics, snippet (<mark>…</mark>), story and also (the retellings folded
/// into it: id, source, title), explanation when there is one.
nlohmann::ordered_json hit_json(const SearchHit& hit);
/// The article's public fields (title … topics) appended to `j`, after what it already holds.
void add_article_fields(nlohmann::ordered_json& j, const Article& article);
/// `j` on one line and a newline; invalid UTF-8 in article text is replaced, never thrown on.
void write_json_line(const nlohmann::ordered_json& j, std::ostream& out);

}  // namespace veille
