// repl_command.cpp — interactive mode: libedit line editing, persistent history, :commands that page,
// filter, sort and open articles; the prompt shows the active filters.
#include <fcntl.h>
#include <langinfo.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <editline/readline.h>

#include "common/error.hpp"
#include "common/text/ascii.hpp"
#include "common/text/utf8.hpp"
#include "searcher/commands/commands.hpp"
#include "searcher/match/engine.hpp"

namespace veille {

namespace {

constexpr int kHistorySize = 1000;

struct Command {
    std::string_view name;
    std::string_view alias;
    std::string_view args;
    std::string_view help;
};

constexpr Command kCommands[] = {
    {":next", ":n", "", "page suivante"},
    {":prev", ":p", "", "page précédente"},
    {":open", ":o", "N|ID", "article complet du résultat n° N (ou d’identifiant ID)"},
    {":company", "", "[X]", "filtre entreprise (sans valeur : le retire)"},
    {":topic", "", "[X]", "filtre thème"},
    {":source", "", "[X]", "filtre source"},
    {":date", "", "[…]", "filtre date : 2025, 2025-07, 2025-01..2025-06, >=2025-07-01, juillet 2025"},
    {":clear", "", "", "retire tous les filtres"},
    {":sort", "", "relevance|date|oldest", "ordre : pertinence, plus récents, plus anciens"},
    {":limit", "", "N", "résultats par page"},
    {":json", "", "", "bascule entre l’affichage lisible et JSON"},
    {":explain", "", "[N]", "pourquoi le résultat n° N est classé ainsi (sans N : pour tous, bascule)"},
    {":help", ":h", "", "cette aide"},
    {":quit", ":q", "", "quitter (ou Ctrl-D)"},
};

/// « "Mistral AI" » → « Mistral AI »: values may be quoted as in queries.
std::string unquote(std::string s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
    return s;
}

std::optional<std::size_t> parse_number(const std::string& s) {
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return static_cast<std::size_t>(std::stoul(s));
}

/// --history, else $VEILLE_HISTORY, else ~/.veille_history; "" (no history) without a home.
std::string history_path(const SearchOptions& opt) {
    if (!opt.history_file.empty()) return opt.history_file;
    if (const char* env = std::getenv("VEILLE_HISTORY"); env && *env) return env;
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.veille_history";
    return {};
}

// Tab completes command names; libedit calls this with state 0, 1, 2… until it returns null.
char* complete_command(const char* text, int state) {
    static std::size_t next = 0;
    if (state == 0) next = 0;
    const std::string_view prefix(text);
    while (next < std::size(kCommands)) {
        const std::string_view name = kCommands[next++].name;
        if (name.substr(0, prefix.size()) == prefix) return ::strdup(std::string(name).c_str());
    }
    return nullptr;
}

/// libedit's readline layer with a history file: loaded on open, rewritten after every line, so a
/// killed session loses nothing. libedit keeps global state, hence one LineEditor per process.
class LineEditor {
public:
    explicit LineEditor(std::string history_file) : file_(std::move(history_file)) {
        // libedit reads multibyte input only under a UTF-8 LC_CTYPE; in the "C" locale it silently
        // drops « é ». veille is UTF-8 throughout, so fall back to C.UTF-8. LC_NUMERIC is left alone:
        // printf-style number output (JSON, TREC) must keep its '.'.
        std::setlocale(LC_CTYPE, "");
        if (std::string_view(nl_langinfo(CODESET)) != "UTF-8") std::setlocale(LC_CTYPE, "C.UTF-8");
        rl_readline_name = "veille";  // ~/.editrc sections: « veille:bind -v »
        rl_completion_entry_function = complete_command;
        using_history();
        stifle_history(kHistorySize);
        if (!file_.empty()) {
            // Created owner-only before libedit writes it: queries can be private.
            const int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
            if (fd >= 0) ::close(fd);
            read_history(file_.c_str());
        }
    }
    LineEditor(const LineEditor&) = delete;
    LineEditor& operator=(const LineEditor&) = delete;
    ~LineEditor() { clear_history(); }

    /// The next line without its newline, or nullopt at end of input (Ctrl-D).
    std::optional<std::string> read(const std::string& prompt) {
        const std::unique_ptr<char, decltype(&std::free)> line(readline(prompt.c_str()), &std::free);
        if (!line) return std::nullopt;
        return std::string(line.get());
    }

    /// Adds a line to the history (not a repeat of the previous one) and saves the file.
    void remember(const std::string& line) {
        if (line.empty() || line == last_) return;
        last_ = line;
        add_history(line.c_str());
        if (file_.empty() || write_history(file_.c_str()) == 0 || warned_) return;
        warned_ = true;
        std::cerr << "veille-search: " << file_ << ": cannot write history: " << std::strerror(errno) << '\n';
    }

private:
    std::string file_;
    std::string last_;
    bool warned_ = false;
};

class Repl {
public:
    explicit Repl(const SearchOptions& opt)
        : opt_(opt), engine_(opt.db, opt.ranking, opt.shards), request_(opt.request), format_(opt.format) {
        if (format_ == OutputFormat::Trec) format_ = OutputFormat::Human;  // runs are for scripts, not people
        printer_ = make_printer(format_, opt_.color);
        filters_ = request_.filters;
    }

    int run() {
        LineEditor editor(history_path(opt_));
        std::cout << "veille — " << engine_.size() << " articles. Tapez une requête, :help pour l’aide, :quit pour sortir.\n"
                  << std::flush;
        while (const auto line = editor.read(prompt())) {
            const std::string text(trim(*line));
            if (text.empty()) continue;
            editor.remember(text);
            if (!handle(text)) break;
            std::cout << std::flush;
        }
        std::cout << '\n' << std::flush;
        return 0;
    }

private:
    /// The prompt: « veille [company:OpenAI date:2025-07 sort:date]> ».
    std::string prompt() const {
        std::string inside;
        for (const auto& f : shown_filters_ ? *shown_filters_ : filters_) inside += (inside.empty() ? "" : " ") + f;
        if (request_.sort == SortOrder::Newest) inside += std::string(inside.empty() ? "" : " ") + "sort:date";
        if (request_.sort == SortOrder::Oldest) inside += std::string(inside.empty() ? "" : " ") + "sort:oldest";
        return inside.empty() ? "veille> " : "veille [" + inside + "]> ";
    }

    /// Runs one line; false to quit.
    bool handle(const std::string& text) {
        if (text[0] != ':') {
            query_ = text;
            request_.offset = 0;
            search();
            return true;
        }
        const auto space = text.find_first_of(" \t");
        const std::string name = text.substr(0, space);
        const std::string arg = space == std::string::npos ? std::string() : unquote(std::string(trim(text.substr(space))));
        if (name == ":quit" || name == ":q" || name == ":exit") return false;
        if (name == ":help" || name == ":h" || name == ":?") help();
        else if (name == ":next" || name == ":n") page(true);
        else if (name == ":prev" || name == ":p") page(false);
        else if (name == ":open" || name == ":o") open(arg);
        else if (name == ":company" || name == ":topic" || name == ":source" || name == ":date") set_filter(name.substr(1), arg);
        else if (name == ":clear") change_filters({});
        else if (name == ":sort") sort(arg);
        else if (name == ":limit") limit(arg);
        else if (name == ":json") toggle_json();
        else if (name == ":explain") explain(arg);
        else complain("commande inconnue « " + name + " » (:help liste les commandes)");
        return true;
    }

    void complain(const std::string& message) const { std::cerr << "veille-search: " << message << '\n'; }

    /// Runs `request` and returns its result, or prints the error on one line and returns nullopt.
    std::optional<SearchResult> run(const SearchRequest& request) {
        try {
            return engine_.search(request);
        } catch (const Error& e) {
            complain(e.what());
            return std::nullopt;
        }
    }

    /// Searches with the current state and shows the page; false (state untouched) on a bad query.
    bool search() {
        SearchRequest request = request_;
        request.query = query_;
        request.filters = filters_;
        auto result = run(request);
        if (!result) return false;
        printer_->print(*result, std::cout);
        shown_filters_ = result->active_filters;
        last_ = std::move(*result);
        return true;
    }

    bool have_search() const { return !query_.empty() || !filters_.empty(); }

    void page(bool forward) {
        if (!last_) return complain("aucune recherche en cours");
        if (forward && request_.offset + request_.limit >= last_->total) return complain("pas de page suivante");
        if (!forward && request_.offset == 0) return complain("déjà sur la première page");
        const std::size_t old = request_.offset;
        request_.offset = forward ? request_.offset + request_.limit
                                  : (request_.offset > request_.limit ? request_.offset - request_.limit : 0);
        if (!search()) request_.offset = old;
    }

    /// Hit n° `rank` of the current search: from the page shown, else fetched alone.
    std::optional<SearchHit> hit(std::size_t rank) {
        if (last_)
            for (const SearchHit& h : last_->hits)
                if (h.rank == rank) return h;
        SearchRequest request = request_;
        request.query = query_;
        request.filters = filters_;
        request.offset = rank - 1;
        request.limit = 1;
        request.facets = false;
        request.snippets = false;
        auto result = run(request);
        if (!result) return std::nullopt;
        if (result->hits.empty()) {
            complain("pas de résultat n° " + std::to_string(rank) + " (" + std::to_string(result->total) + " au total)");
            return std::nullopt;
        }
        return result->hits.front();
    }

    void open(const std::string& arg) {
        if (arg.empty()) return complain(":open attend un numéro de résultat ou un identifiant");
        if (const auto n = parse_number(arg); n && *n > 0 && have_search()) {
            if (const auto h = hit(*n)) printer_->print_article(h->article, std::cout);
            return;
        }
        if (const auto article = engine_.article(arg)) return printer_->print_article(*article, std::cout);
        complain("aucun article « " + arg + " »" + (have_search() ? "" : " (lancez d’abord une recherche)"));
    }

    void explain(const std::string& arg) {
        if (arg.empty()) {
            request_.explain = !request_.explain;
            std::cout << "Explications " << (request_.explain ? "affichées" : "masquées") << ".\n";
            if (have_search()) search();
            return;
        }
        const auto n = parse_number(arg);
        if (!n || *n == 0) return complain(":explain attend un numéro de résultat, pas « " + arg + " »");
        if (!have_search()) return complain("aucune recherche en cours");
        // Hit n° N alone, with its explanation, shown by the printer like any result.
        SearchRequest request = request_;
        request.query = query_;
        request.filters = filters_;
        request.offset = *n - 1;
        request.limit = 1;
        request.facets = false;
        request.explain = true;
        const auto result = run(request);
        if (!result) return;
        if (result->hits.empty())
            return complain("pas de résultat n° " + std::to_string(*n) + " (" + std::to_string(result->total) + " au total)");
        printer_->print(*result, std::cout);
    }

    /// Replaces the filters and re-runs the search; a filter the engine rejects is rolled back.
    void change_filters(std::vector<std::string> filters) {
        std::vector<std::string> old = std::move(filters_);
        filters_ = std::move(filters);
        const std::size_t old_offset = request_.offset;
        request_.offset = 0;
        shown_filters_.reset();
        if (!have_search()) {
            last_.reset();
            std::cout << "Filtres retirés.\n";
            return;
        }
        if (!search()) {
            filters_ = std::move(old);
            request_.offset = old_offset;
        }
    }

    /// One value per field: « :company Meta » replaces « company:OpenAI »; no value removes it.
    void set_filter(const std::string& field_name, const std::string& value) {
        std::vector<std::string> filters;
        for (const auto& f : filters_)
            if (f.rfind(field_name + ":", 0) != 0) filters.push_back(f);
        if (!value.empty()) filters.push_back(field_name + ":" + value);
        change_filters(std::move(filters));
    }

    void sort(const std::string& arg) {
        if (arg == "relevance" || arg == "pertinence") request_.sort = SortOrder::Relevance;
        else if (arg == "date" || arg == "newest" || arg == "récent") request_.sort = SortOrder::Newest;
        else if (arg == "oldest" || arg == "ancien") request_.sort = SortOrder::Oldest;
        else return complain(":sort attend relevance, date ou oldest, pas « " + arg + " »");
        request_.offset = 0;
        if (have_search()) search();
    }

    void limit(const std::string& arg) {
        const auto n = parse_number(arg);
        if (!n || *n == 0 || *n > 1000) return complain(":limit attend un nombre de 1 à 1000, pas « " + arg + " »");
        request_.limit = *n;
        request_.offset = 0;
        if (have_search()) search();
    }

    void toggle_json() {
        format_ = format_ == OutputFormat::Json ? OutputFormat::Human : OutputFormat::Json;
        printer_ = make_printer(format_, opt_.color);
        std::cout << (format_ == OutputFormat::Json ? "Sortie JSON.\n" : "Sortie lisible.\n");
    }

    static void help() {
        std::cout << "Tapez une requête (mots, \"phrase\", company:openai, date:2025-07, OR, NOT…) ou une commande :\n";
        for (const Command& c : kCommands) {
            std::string usage = std::string(c.name) + (c.args.empty() ? "" : " " + std::string(c.args));
            if (!c.alias.empty()) usage += " (" + std::string(c.alias) + ")";
            const std::size_t columns = utf8_length(usage);
            std::cout << "  " << usage << std::string(columns < 30 ? 32 - columns : 2, ' ') << c.help << '\n';
        }
        std::cout << "Flèches : historique (conservé entre les sessions) · Tab : complète les commandes\n";
    }

    const SearchOptions& opt_;
    Engine engine_;
    SearchRequest request_;  // offset, limit, sort, explain… (query and filters are kept apart)
    OutputFormat format_;
    std::unique_ptr<Printer> printer_;
    std::string query_;
    std::vector<std::string> filters_;                       // as typed: "company:openai"
    std::optional<std::vector<std::string>> shown_filters_;  // as the engine named them: "company:OpenAI"
    std::optional<SearchResult> last_;
};

}  // namespace

int run_repl(const SearchOptions& opt) {
    Repl repl(opt);
    return repl.run();
}

}  // namespace veille
