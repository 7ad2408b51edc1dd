// eval_command.cpp — `veille-search eval` over the engine: each topic is one SearchRequest.
#include <cstddef>
#include <iostream>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/date.hpp"
#include "common/schema.hpp"
#include "searcher/commands/commands.hpp"
#include "searcher/eval/eval_command.hpp"
#include "searcher/match/engine.hpp"

namespace veille {

namespace {

// Topics are fixed texts over a fixed collection: without --today, date words count from the newest
// article's day, so that a run gives the same figures next year (« hier » is then the day before the
// last fetch). nullopt for a database without dates (the clock is then as good as anything).
std::optional<Date> newest_article_day(const Engine& engine) {
    const std::string v = engine.database().get_value_upper_bound(slot::kDate);
    if (v.size() != 8) return std::nullopt;
    const auto d = parse_iso_date(v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2));
    return d ? d : std::nullopt;
}

}  // namespace

int run_eval(const SearchOptions& opt, const EvalOptions& eval) {
    Engine engine(opt.db, opt.ranking, opt.shards);
    SearchRequest base = opt.request;
    if (!base.today) base.today = newest_article_day(engine);
    base.collapse = eval.collapse;
    const SearchFn search = [&](const std::string& query, std::size_t depth) {
        SearchRequest request = base;
        request.query = query;
        request.offset = 0;
        request.limit = depth;
        request.facets = false;
        request.snippets = false;
        TopicAnswer answer;
        auto result = engine.search(request);
        for (const auto& hit : result.hits) answer.ranked.push_back({hit.article.id, hit.score});
        answer.notices = std::move(result.notices);
        return answer;
    };
    nlohmann::json info = {{"parameters", to_json(opt.ranking)}, {"documents", engine.size()},
                           {"collapse", eval.collapse}};
    run_eval(eval, search, info, std::cout, std::cerr);
    return 0;
}

}  // namespace veille
