// french_articles.hpp — small real French tech-news articles for the robustness tests: each good one
// carries a town name found nowhere else, to search it by.
#pragma once
#include <string>

namespace veille::test {

struct Good {
    std::string id;
    std::string marker;  ///< a word only this article holds
};

/// One JSONL line: an article about a start-up in town number `town` (its marker), dated June 2025.
std::string good_json(const std::string& id, int town);
/// The Good that good_json(id, town) describes.
Good good(const std::string& id, int town);
/// `n` sentences of French tech news.
std::string french_paragraph(int n);

}  // namespace veille::test
