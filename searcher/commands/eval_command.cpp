// eval_command.cpp — `veille-search eval` over the engine: each topic is one SearchRequest.
#include <cstddef>
#include <iostream>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "searcher/commands/commands.hpp"
#include "searcher/eval/eval_command.hpp"
#include "searcher/match/engine.hpp"

namespace veille {

int run_eval(const SearchOptions& opt, const EvalOptions& eval) {
    Engine engine(opt.db, opt.ranking);
    const SearchFn search = [&](const std::string& query, std::size_t depth) {
        SearchRequest request = opt.request;
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
    nlohmann::json info = {{"parameters", to_json(opt.ranking)}, {"documents", engine.size()}};
    run_eval(eval, search, info, std::cout, std::cerr);
    return 0;
}

}  // namespace veille
