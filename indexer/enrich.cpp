// enrich.cpp — the extraction step of the pipeline: input values first, text second, reasons kept.
#include "indexer/enrich.hpp"

#include <algorithm>

#include "common/extract/date_parser.hpp"
#include "common/extract/name_candidates.hpp"

namespace veille {

namespace {

template <typename T>
void add_unique(std::vector<T>& list, const T& value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

Enricher::Enricher(std::shared_ptr<const Gazetteer> gazetteer, std::shared_ptr<const Taxonomy> taxonomy)
    : gazetteer_(std::move(gazetteer)), taxonomy_(std::move(taxonomy)) {}

void Enricher::enrich(Article& article, const std::vector<Token>& title_tokens,
                      const std::vector<Token>& body_tokens, Evidence* evidence) const {
    // Companies. The input's list is the publisher's word and is kept (issue 4), only spelled the way the
    // index spells it so facets do not split « facebook » from « Meta ».
    std::vector<std::string> companies;
    for (const auto& c : article.companies) {
        const std::string* canonical = gazetteer_->canonical(c);
        add_unique(companies, canonical ? *canonical : c);
    }
    const std::size_t from_input = companies.size();
    const auto mentions = gazetteer_->find({{article.title, &title_tokens}, {article.body, &body_tokens}});
    for (const auto& m : mentions)
        if (m.counted) add_unique(companies, m.company);
    if (evidence) {
        evidence->companies.clear();
        evidence->ignored.clear();
        evidence->candidates.clear();
        for (std::size_t part = 0; part < 2; ++part) {
            std::vector<CompanyMention> in_part;
            for (const auto& m : mentions)
                if (m.part == part) in_part.push_back(m);
            for (std::string& name : name_candidates(part == 0 ? std::string_view(article.title) : article.body,
                                                     part == 0 ? title_tokens : body_tokens, in_part))
                add_unique(evidence->candidates, name);
        }
        for (std::size_t i = 0; i < companies.size(); ++i)
            evidence->companies.push_back({companies[i], i < from_input, {}, {}, 0});
        for (const auto& m : mentions) {
            if (!m.counted) {
                evidence->ignored.push_back(m);
                continue;
            }
            for (auto& e : evidence->companies)
                if (e.company == m.company) {
                    add_unique(e.surfaces, m.surface);
                    add_unique(e.rules, m.rule);
                    ++e.mentions;
                }
        }
    }
    article.companies = std::move(companies);

    // Topics. Input topics win; the taxonomy's choice comes with its scores (for ranking and --explain).
    if (!article.topics.empty()) {
        std::vector<std::string> topics;
        for (const auto& t : article.topics) {
            const std::string* canonical = taxonomy_->canonical(t);
            add_unique(topics, canonical ? *canonical : t);
        }
        article.topics = std::move(topics);
        article.topic_scores.clear();
        if (evidence) {
            evidence->topics_from_input = true;
            evidence->topics.clear();
            evidence->runners_up = taxonomy_->score(title_tokens, body_tokens);
        }
    } else {
        auto scored = taxonomy_->score(title_tokens, body_tokens);
        auto chosen = taxonomy_->classify(title_tokens, body_tokens);
        article.topics.clear();
        article.topic_scores.clear();
        for (const auto& t : chosen) {
            article.topics.push_back(t.topic);
            article.topic_scores.push_back(t.score);
        }
        if (evidence) {
            evidence->topics_from_input = false;
            scored.erase(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(chosen.size()));
            evidence->topics = std::move(chosen);
            evidence->runners_up = std::move(scored);
        }
    }

    // Date. Metadata is the publisher's statement; the text's first date is the usual dateline of a
    // French news article (« Le 12 juillet 2025, … »), so it is the fallback, and its origin is recorded.
    if (article.date) {
        if (article.date_origin == DateOrigin::None) article.date_origin = DateOrigin::Metadata;
        if (evidence) {
            evidence->date_origin = article.date_origin;
            evidence->date_text = article.date->iso();
        }
        return;
    }
    const std::string text = article.title + "\n" + article.body;
    const auto found = find_date_in_text(text);
    article.date_origin = found ? DateOrigin::Text : DateOrigin::None;
    if (found) article.date = found->date;
    if (evidence) {
        evidence->date_origin = article.date_origin;
        evidence->date_text = found ? text.substr(found->begin, found->end - found->begin) : std::string();
    }
}

}  // namespace veille
