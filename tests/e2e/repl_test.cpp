// repl_test.cpp — the real veille-search fed by a pipe (one query per line) and by a pseudo-terminal
// (interactive mode: :commands, UTF-8 input, colours, persistent history), plus the output formats.
#include "tests/support/json_results.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using veille::test::json_lines;
using veille::test::TempDir;
using veille::test::run_index;
using veille::test::run_search;
using veille::test::test_data;

namespace {

/// A database of tests/data/mini.jsonl (eight French articles), indexed by the real veille-index.
struct MiniIndex {
    TempDir dir;
    std::string db = dir / "db";
    MiniIndex() {
        const auto r = run_index({"--db", db, test_data("mini.jsonl")});
        REQUIRE(r.exit_code == 0);
    }
};

/// veille-search on the slave side of a pseudo-terminal: what a user at a terminal sees and types.
class Terminal {
public:
    Terminal(const std::vector<std::string>& args, const std::vector<std::pair<std::string, std::string>>& env) {
        winsize size{};
        size.ws_row = 50;
        size.ws_col = 200;  // wide enough that libedit never wraps the prompt
        pid_ = ::forkpty(&master_, nullptr, nullptr, &size);
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            // The C locale on purpose: the interactive mode must still read « é » (it picks C.UTF-8).
            for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG", "NO_COLOR"}) ::unsetenv(name);
            ::setenv("TERM", "dumb", 1);
            for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
            std::vector<std::string> storage{VEILLE_SEARCH_BIN};
            storage.insert(storage.end(), args.begin(), args.end());
            std::vector<char*> argv;
            for (auto& s : storage) argv.push_back(s.data());
            argv.push_back(nullptr);
            ::execv(VEILLE_SEARCH_BIN, argv.data());
            std::_Exit(127);
        }
    }
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;
    ~Terminal() {
        if (pid_ > 0 && !exited_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (master_ >= 0) ::close(master_);
    }

    /// Sends raw keys.
    void press(const std::string& keys) {
        REQUIRE(::write(master_, keys.data(), keys.size()) == static_cast<ssize_t>(keys.size()));
    }
    /// Presses Ctrl-D once the line editor has the terminal in raw mode. Typed earlier, while the
    /// terminal is still in canonical mode, the kernel turns it into an end-of-line mark that reaches
    /// the editor as a NUL byte, not an end of file (a race only a program typing can win).
    void press_eof() {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        termios mode{};
        while (::tcgetattr(master_, &mode) == 0 && (mode.c_lflag & ICANON) && std::chrono::steady_clock::now() < deadline)
            ::usleep(5'000);
        press("\x04");
    }
    /// Types a line (Enter is \r on a terminal).
    void type(const std::string& line) { press(line + "\r"); }

    /// Output since the last call, read until it contains `text` (or 20 s pass: a hang fails, not blocks).
    std::string expect(const std::string& text) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (pending_.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            if (!read_some(200)) break;
        }
        INFO("waiting for: " << text << "\nscreen:\n" << pending_);
        CHECK(pending_.find(text) != std::string::npos);
        const auto at = pending_.find(text);
        std::string seen = pending_.substr(0, at == std::string::npos ? pending_.size() : at + text.size());
        pending_.erase(0, seen.size());
        return seen;
    }

    /// Waits for the process to end; its exit code, or -1 after 20 s.
    int wait() {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            if (!read_some(100)) ::usleep(20'000);  // terminal closed: the child is on its way out
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
        }
        return -1;
    }

private:
    bool read_some(int timeout_ms) {
        pollfd p{master_, POLLIN, 0};
        if (::poll(&p, 1, timeout_ms) <= 0) return true;
        char buf[4096];
        const ssize_t n = ::read(master_, buf, sizeof buf);
        if (n <= 0) return false;  // EIO: the child closed the terminal
        pending_.append(buf, static_cast<std::size_t>(n));
        return true;
    }

    int master_ = -1;
    pid_t pid_ = -1;
    bool exited_ = false;
    std::string pending_;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("piped queries run one per line and give JSON Lines with --json", "[e2e][repl]") {
    MiniIndex index;
    const std::string input = "sécurité\n\nmistral ai\nAND (\nopnai\n";
    // Read leniently, every line is answered; the odd one says what was ignored.
    const auto lenient = run_search({"--db", index.db, "--json"}, input);
    CHECK(lenient.exit_code == 0);
    const auto answered = json_lines(lenient.out);
    REQUIRE(answered.size() == 4);
    CHECK(answered[2]["notices"].size() == 2);
    // With --strict the bad line is reported with its line number; the others still run (exit 2 at the end).
    const auto r = run_search({"--db", index.db, "--json", "--strict"}, input);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("stdin:4:") != std::string::npos);
    const auto lines = json_lines(r.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]["query"] == "sécurité");
    CHECK(lines[0]["total"] == 3);
    CHECK(lines[1]["query"] == "mistral ai");
    CHECK(lines[1]["results"][0]["id"] == "mini-02");
    CHECK(lines[2]["total"] == 0);
    CHECK(lines[2]["suggestion"] == "openai");

    const auto human = run_search({"--db", index.db}, "sécurité\nnvidia\n");
    CHECK(human.exit_code == 0);
    CHECK(human.out.find("3 résultats pour « sécurité »") != std::string::npos);
    CHECK(human.out.find("pour « nvidia »") != std::string::npos);
    // Not a terminal: no colour and no raw highlight markers.
    CHECK(human.out.find('\x1b') == std::string::npos);
    CHECK(human.out.find('\x02') == std::string::npos);
}

TEST_CASE("search with --json follows the README schema", "[e2e][repl]") {
    MiniIndex index;
    const auto r = run_search({"--db", index.db, "--json", "-n", "2", "--offset", "1", "sécurité"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"query", "total", "offset", "took_ms", "suggestion", "results", "facets"})
        CHECK(j.contains(key));
    CHECK(j["total"] == 3);
    CHECK(j["offset"] == 1);
    CHECK(j["suggestion"].is_null());
    REQUIRE(j["results"].size() == 2);
    CHECK(j["results"][0]["rank"] == 2);
    for (const auto& hit : j["results"]) {
        for (const char* key : {"rank", "id", "score", "title", "date", "source", "url", "companies", "topics", "snippet"})
            CHECK(hit.contains(key));
        CHECK(hit["companies"].is_array());
        CHECK(hit["snippet"].get<std::string>().find("<mark>s") != std::string::npos);  // sécurité / sécurités
    }
    for (const char* facet : {"company", "topic", "date"}) {
        REQUIRE(j["facets"][facet].is_array());
        for (const auto& f : j["facets"][facet]) CHECK((f.contains("value") && f.contains("count")));
    }
    // « sécurités » is highlighted for « securite »; « l’IA » for « ia ».
    const auto plural = nlohmann::json::parse(run_search({"--db", index.db, "--json", "securite"}).out);
    CHECK(plural.dump().find("<mark>sécurités</mark>") != std::string::npos);
    const auto ia = nlohmann::json::parse(run_search({"--db", index.db, "--json", "ia"}).out);
    CHECK(ia.dump().find("l’<mark>IA</mark>") != std::string::npos);
    // Did-you-mean from the indexed vocabulary, accents restored.
    const auto typo = nlohmann::json::parse(run_search({"--db", index.db, "--json", "inteligence artificiele"}).out);
    CHECK(typo["suggestion"] == "intelligence artificielle");
}

TEST_CASE("snippets escape article HTML before marking", "[e2e][repl]") {
    TempDir dir;
    const std::string file = dir.write("html.jsonl",
        R"({"id":"h1","title":"Balises","date":"2025-01-02","body":"Le rapport cite <script> & d’autres balises > rares dans les navigateurs."})"
        "\n");
    REQUIRE(run_index({"--db", dir / "db", file}).exit_code == 0);
    const auto j = nlohmann::json::parse(run_search({"--db", dir / "db", "--json", "navigateurs"}).out);
    const std::string snippet = j["results"][0]["snippet"];
    CHECK(snippet.find("&lt;script&gt; &amp; d’autres balises &gt; rares") != std::string::npos);
    CHECK(snippet.find("<mark>navigateurs</mark>") != std::string::npos);
}

TEST_CASE("search with --trec prints run lines", "[e2e][repl]") {
    MiniIndex index;
    const auto r = run_search({"--db", index.db, "--trec", "sécurité"});
    REQUIRE(r.exit_code == 0);
    const std::regex line(R"(1 Q0 mini-0\d [1-3] \d+\.\d{6} veille)");
    std::istringstream in(r.out);
    std::string l;
    int n = 0;
    while (std::getline(in, l)) {
        INFO(l);
        CHECK(std::regex_match(l, line));
        ++n;
    }
    CHECK(n == 3);
}

TEST_CASE("interactive mode on a terminal runs commands and shows filters in the prompt and keeps history", "[e2e][repl]") {
    MiniIndex index;
    TempDir home;
    const std::string history = home / "history";
    {
        Terminal t({"--db", index.db, "-n", "2"}, {{"HOME", home.path().string()}, {"VEILLE_HISTORY", history}});
        t.expect("veille> ");
        t.type(":company openai");
        t.expect("Résultats 1–2 sur 3");
        t.expect("veille [company:OpenAI]> ");
        t.type("sécurité");  // typed UTF-8 reaches the engine intact, highlighted in colour
        const std::string one = t.expect("veille [company:OpenAI]> ");
        CHECK(one.find("1 résultat pour « sécurité »") != std::string::npos);
        CHECK(one.find("\x1b[1;33msécurité\x1b[0m") != std::string::npos);
        t.type("openai");
        CHECK(t.expect("veille [company:OpenAI]> ").find("Résultats 1–2 sur 3 pour « openai »") != std::string::npos);
        t.type(":next");
        const std::string next = t.expect("veille [company:OpenAI]> ");
        CHECK(next.find("Résultats 3–3 sur 3") != std::string::npos);
        CHECK(next.find(" 3. ") != std::string::npos);
        t.type(":open 1");
        const std::string article = t.expect("veille [company:OpenAI]> ");
        std::smatch id;
        REQUIRE(std::regex_search(article, id, std::regex("id : (mini-0[0-9])")));
        CHECK((id[1] == "mini-01" || id[1] == "mini-02" || id[1] == "mini-05"));  // the OpenAI articles
        t.type(":sort date");
        t.expect("veille [company:OpenAI sort:date]> ");
        t.type("AND (");
        t.expect("Note : colonne 1 : opérateur « AND »");  // read leniently, and the session goes on
        t.expect("veille [company:OpenAI sort:date]> ");
        t.type(":quit");
        CHECK(t.wait() == 0);
    }
    const std::string saved = read_file(history);
    INFO(saved);
    CHECK(saved.find("sécurité") != std::string::npos);
    CHECK((saved.find(":company openai") != std::string::npos || saved.find(":company\\040openai") != std::string::npos));
    CHECK(saved.find(":next") != std::string::npos);

    // A new session starts from that history: Ctrl-P recalls the last line (:quit) and runs it.
    Terminal again({"--db", index.db}, {{"HOME", home.path().string()}, {"VEILLE_HISTORY", history}});
    again.expect("veille> ");
    again.type("\x10");
    CHECK(again.wait() == 0);
}

TEST_CASE("interactive mode respects NO_COLOR and ends on Ctrl-D", "[e2e][repl]") {
    MiniIndex index;
    TempDir home;
    Terminal t({"--db", index.db}, {{"NO_COLOR", "1"}, {"HOME", home.path().string()}});
    t.expect("veille> ");
    t.type(":json");
    t.expect("veille> ");
    t.type("nvidia");
    const std::string out = t.expect("veille> ");
    CHECK(out.find("\"query\":\"nvidia\"") != std::string::npos);
    t.type(":json");
    t.expect("veille> ");
    t.type("nvidia");
    const std::string human = t.expect("veille> ");
    CHECK(human.find("Nvidia dépasse") != std::string::npos);
    CHECK(human.find("\x1b[1") == std::string::npos);
    t.press_eof();  // Ctrl-D on an empty line
    CHECK(t.wait() == 0);
    CHECK(std::filesystem::exists(home.path() / ".veille_history"));  // default place: $HOME/.veille_history
}
