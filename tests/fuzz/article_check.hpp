// article_check.hpp — the invariant every reader fuzz target checks on what a reader accepts.
#pragma once
#include <algorithm>
#include <string>

#include "indexer/readers/format_readers.hpp"
#include "indexer/readers/reader.hpp"

namespace veille::fuzz {

/// Traps unless an accepted article is storable: non-empty id and body, valid UTF-8 everywhere
/// (the document data is JSON). Always returns true so that reading goes on.
inline bool check_storable(Record&& record) {
    const auto* a = std::get_if<Article>(&record);
    if (!a) return true;
    const auto ok = [](const std::string& s) { return !invalid_utf8_offset(s); };
    const bool good = !a->id.empty() && !a->body.empty() && ok(a->id) && ok(a->title) && ok(a->body) &&
                      ok(a->source) && ok(a->url) && ok(a->lang) && std::all_of(a->companies.begin(), a->companies.end(), ok) &&
                      std::all_of(a->topics.begin(), a->topics.end(), ok) && (!a->date || a->date->valid());
    if (!good) __builtin_trap();
    return true;
}

}  // namespace veille::fuzz
