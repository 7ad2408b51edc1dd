// search_command.cpp — one-shot search, or one query per stdin line when stdin is not a terminal.
#include <unistd.h>

#include <iostream>
#include <string>

#include "common/error.hpp"
#include "searcher/commands/commands.hpp"
#include "searcher/match/engine.hpp"

namespace veille {

int run_search(const SearchOptions& opt) {
    Engine engine(opt.db, opt.ranking, opt.shards);
    auto printer = make_printer(opt.format, opt.color);
    if (!opt.query.empty() || ::isatty(STDIN_FILENO) == 1) {
        SearchRequest request = opt.request;
        request.query = opt.query;
        printer->print(engine.search(request), std::cout);
        return 0;
    }
    // A pipe: each line is a query; a bad line is reported and the others still run.
    int status = 0;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(std::cin, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        SearchRequest request = opt.request;
        request.query = line;
        try {
            printer->print(engine.search(request), std::cout);
        } catch (const QueryError& e) {
            std::cerr << "veille-search: stdin:" << line_no << ": " << e.what() << '\n';
            status = static_cast<int>(ExitCode::Usage);
        }
        std::cout.flush();
    }
    return status;
}

}  // namespace veille
