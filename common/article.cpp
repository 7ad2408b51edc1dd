// article.cpp — Article ⇄ document data (compact JSON, so --json output and :open need no other store).
#include "common/article.hpp"

#include <nlohmann/json.hpp>

#include "common/error.hpp"

namespace veille {

std::string to_document_data(const Article& a) {
    nlohmann::json j = {{"id", a.id}, {"title", a.title}, {"body", a.body}};
    if (!a.source.empty()) j["source"] = a.source;
    if (!a.url.empty()) j["url"] = a.url;
    if (!a.lang.empty()) j["lang"] = a.lang;
    if (a.date) j["date"] = a.date->iso();
    j["date_origin"] = std::string(to_string(a.date_origin));
    if (!a.companies.empty()) j["companies"] = a.companies;
    if (!a.topics.empty()) j["topics"] = a.topics;
    if (!a.topic_scores.empty()) j["topic_scores"] = a.topic_scores;
    // Invalid UTF-8 never reaches here (readers reject it); replace rather than throw to be safe.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Article from_document_data(const std::string& data) {
    try {
        const auto j = nlohmann::json::parse(data);
        Article a;
        a.id = j.value("id", "");
        a.title = j.value("title", "");
        a.body = j.value("body", "");
        a.source = j.value("source", "");
        a.url = j.value("url", "");
        a.lang = j.value("lang", "");
        if (j.contains("date")) a.date = parse_iso_date(j["date"].get<std::string>());
        const std::string origin = j.value("date_origin", "none");
        a.date_origin = origin == "metadata" ? DateOrigin::Metadata
                        : origin == "text"   ? DateOrigin::Text
                                             : DateOrigin::None;
        if (j.contains("companies")) a.companies = j["companies"].get<std::vector<std::string>>();
        if (j.contains("topics")) a.topics = j["topics"].get<std::vector<std::string>>();
        if (j.contains("topic_scores")) a.topic_scores = j["topic_scores"].get<std::vector<double>>();
        return a;
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("corrupt document data: ") + e.what());
    }
}

}  // namespace veille
