// robustness_test.cpp — issue 7 through the real binaries: bad inputs, database problems, nasty queries.
#include "common/schema.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <thread>

using veille::test::TempDir;
using veille::test::run_index;
using veille::test::run_search;
using veille::test::source_file;
using veille::test::test_data;

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// Running a binary with limits the shared run_binary cannot set: a timeout (a hang fails the test
// instead of blocking the suite), RLIMIT_FSIZE (a simulated full disk) and an unprivileged user
// (permission tests when CI runs as root).

constexpr uid_t kNobody = 65534;

#if defined(__SANITIZE_ADDRESS__)
constexpr long kMaxRssKb = 4L << 20;  // ASan shadow memory and quarantine count in the RSS
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr long kMaxRssKb = 4L << 20;
#else
constexpr long kMaxRssKb = 1L << 20;
#endif
#else
constexpr long kMaxRssKb = 1L << 20;
#endif

struct Limits {
    double timeout_seconds = 300;       ///< generous: only catches hangs; speed is measured by scripts/bench
    rlim_t file_size = RLIM_INFINITY;   ///< RLIMIT_FSIZE, with SIGXFSZ ignored so writes fail with EFBIG
    bool unprivileged = false;          ///< run as nobody when the tests run as root
};

struct Outcome {
    int exit_code = -1;  ///< exit status, 128+signal when killed
    std::string out;
    std::string err;
    double seconds = 0;
    long max_rss_kb = 0;
    bool timed_out = false;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Outputs go to hidden files of `dir` (hidden: directory walks of the tests never see them).
Outcome run_limited(const std::string& program, const std::vector<std::string>& args, const TempDir& dir,
                    const Limits& limits = {}, const std::string& input = {}) {
    static int counter = 0;
    const std::string base = dir / (".run-" + std::to_string(++counter));
    const std::string in_path = dir.write(".run-" + std::to_string(counter) + ".in", input);
    const int in = ::open(in_path.c_str(), O_RDONLY | O_CLOEXEC);
    const int out = ::open((base + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int err = ::open((base + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(in >= 0);
    REQUIRE(out >= 0);
    REQUIRE(err >= 0);
    std::vector<std::string> storage{program};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);
    const bool drop = limits.unprivileged && ::geteuid() == 0;

    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        if (limits.file_size != RLIM_INFINITY) {
            ::signal(SIGXFSZ, SIG_IGN);  // inherited through exec: writes past the limit fail with EFBIG
            const rlimit r{limits.file_size, limits.file_size};
            if (::setrlimit(RLIMIT_FSIZE, &r) != 0) std::_Exit(125);
        }
        if (drop && (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0))
            std::_Exit(126);
        ::execv(program.c_str(), argv.data());
        std::_Exit(127);
    }
    ::close(in);
    ::close(out);
    ::close(err);
    Outcome o;
    int status = 0;
    rusage usage{};
    for (;;) {
        const pid_t r = ::wait4(pid, &status, WNOHANG, &usage);
        if (r == pid) break;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (elapsed > limits.timeout_seconds) {
            ::kill(pid, SIGKILL);
            ::wait4(pid, &status, 0, &usage);
            o.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    o.max_rss_kb = usage.ru_maxrss;
    o.out = slurp(base + ".out");
    o.err = slurp(base + ".err");
    return o;
}

Outcome index_limited(const std::vector<std::string>& args, const TempDir& dir, const Limits& limits = {}) {
    return run_limited(VEILLE_INDEX_BIN, args, dir, limits);
}

Outcome search_limited(const std::vector<std::string>& args, const TempDir& dir, const Limits& limits = {},
                       const std::string& input = {}) {
    return run_limited(VEILLE_SEARCH_BIN, args, dir, limits, input);
}

// True when a child can run as nobody (root with CAP_SETUID), or when we are not root anyway.
bool can_run_unprivileged() {
    if (::geteuid() != 0) return true;
    const pid_t pid = ::fork();
    if (pid == 0)
        std::_Exit(::setgroups(0, nullptr) == 0 && ::setgid(kNobody) == 0 && ::setuid(kNobody) == 0 ? 0 : 1);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

// ---------------------------------------------------------------------------------------------
// Real French articles: each good one carries a town name found nowhere else, to search it by.

struct Good {
    std::string id;
    std::string marker;  ///< a word only this article holds
};

const char* const kTowns[] = {"Quimper",  "Besançon", "Perpignan", "Dunkerque", "Biarritz", "Colmar",
                              "Annecy",   "Lorient",  "Limoges",   "Poitiers",  "Angoulême", "Valence",
                              "Chambéry", "Bayonne",  "Cherbourg", "Périgueux"};

std::string good_json(const std::string& id, int town) {
    const std::string t = kTowns[town % std::size(kTowns)];
    return nlohmann::json{{"id", id},
                          {"title", "À " + t + ", une jeune pousse lance un cloud souverain"},
                          {"body", "La start-up installée à " + t +
                                       " promet d'héberger les données des collectivités en France. Son "
                                       "fondateur vise quarante clients d'ici la fin de l'année et recrute des "
                                       "ingénieurs en cybersécurité."},
                          {"date", "2025-06-1" + std::to_string(town % 10)},
                          {"source", "Veille Tech"}}
        .dump();
}

Good good(const std::string& id, int town) { return {id, kTowns[town % std::size(kTowns)]}; }

std::string french_paragraph(int n) {
    static const char* const kSentences[] = {
        "Le gouvernement a présenté sa stratégie pour l'intelligence artificielle générative.",
        "Les opérateurs télécoms accélèrent le déploiement de la fibre optique dans les zones rurales.",
        "Une faille de sécurité touche des milliers de routeurs vendus en Europe.",
        "La CNIL rappelle les règles du RGPD aux éditeurs de logiciels de santé.",
        "Le marché des semi-conducteurs se redresse après deux années difficiles.",
        "Les collectivités migrent leurs messageries vers un hébergement souverain.",
    };
    std::string text;
    for (int i = 0; i < n; ++i) text += std::string(kSentences[i % std::size(kSentences)]) + " ";
    return text;
}

// ---------------------------------------------------------------------------------------------
// One row of the bad-input matrix: files to create, then what veille-index must say and store.

struct ExpectedRejection {
    std::string file;
    std::size_t line;    ///< 0: the whole file is the record, the message is "file: reason"
    std::string reason;  ///< a substring of the reason ("" = any reason)
};

struct Scenario {
    std::vector<std::string> paths;              ///< arguments; empty = the corpus directory
    std::vector<ExpectedRejection> rejected;
    std::vector<Good> good;                      ///< indexed and searchable by their marker
    std::vector<std::string> absent_ids;         ///< ids of bad records: no document may hold them
};

using Builder = std::function<Scenario(const TempDir&, const std::string& corpus)>;

struct Row {
    const char* name;
    Builder build;
};

// corpus/lot.jsonl = good line, `bad` line, good line (unless `last`: the bad line ends the file).
Row jsonl_row(const char* name, std::string bad, std::string reason, std::string bad_id = {}, bool last = false) {
    return {name, [=](const TempDir& dir, const std::string& corpus) {
                std::string content = good_json("lot-1", 0) + "\n" + bad;
                if (!last) content += "\n" + good_json("lot-3", 1) + "\n";
                const auto file = dir.write("corpus/lot.jsonl", content);
                Scenario s;
                s.rejected = {{file, 2, reason}};
                s.good = {good("lot-1", 0)};
                if (!last) s.good.push_back(good("lot-3", 1));
                if (!bad_id.empty()) s.absent_ids = {bad_id};
                (void)corpus;
                return s;
            }};
}

// corpus/<name> holds `content` (one whole-file record), corpus/autres.jsonl two good articles.
Row file_row(const char* name, std::string file_name, std::string content, std::size_t line, std::string reason) {
    return {name, [=](const TempDir& dir, const std::string&) {
                const auto file = dir.write("corpus/" + file_name, content);
                dir.write("corpus/autres.jsonl", good_json("autre-1", 2) + "\n" + good_json("autre-2", 3) + "\n");
                Scenario s;
                if (!reason.empty() || line) s.rejected = {{file, line, reason}};
                s.good = {good("autre-1", 2), good("autre-2", 3)};
                s.absent_ids = {file};  // whole-file records take the path as id
                return s;
            }};
}

// A file that must be accepted (the control cases next to the bad ones); `id` "" = its path.
Row accepted_file_row(const char* name, std::string file_name, std::string content, std::string marker,
                      std::string id = {}) {
    return {name, [=](const TempDir& dir, const std::string&) {
                const auto file = dir.write("corpus/" + file_name, content);
                dir.write("corpus/autres.jsonl", good_json("autre-1", 2) + "\n");
                Scenario s;
                s.good = {good("autre-1", 2), {id.empty() ? file : id, marker}};
                return s;
            }};
}

std::string utf16le(const std::string& ascii, bool bom) {
    std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

std::string utf16be(const std::string& ascii) {
    std::string out;
    for (char c : ascii) {
        out += '\0';
        out += c;
    }
    return out;
}

std::string binary_blob(std::size_t size) {
    std::string out("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    std::uint32_t x = 2463534242u;
    while (out.size() < size) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out += static_cast<char>(x & 0xFF);
    }
    return out;
}

std::string rss(const std::string& items) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n"
           "<title>Veille Tech</title>\n<language>fr</language>\n" +
           items + "</channel>\n</rss>\n";
}

std::string rss_item(const std::string& guid, const std::string& title, const std::string& text) {
    return "<item>\n<guid>" + guid + "</guid>\n<title>" + title + "</title>\n<description>" + text +
           "</description>\n<pubDate>Sat, 12 Jul 2025 08:30:00 +0200</pubDate>\n</item>\n";
}

std::vector<Row> bad_input_matrix() {
    const std::string nested = "{\"id\":\"imbrique\",\"title\":\"Imbrication à Lorient\",\"body\":\"La start-up de "
                               "Lorient exporte des données très imbriquées.\",\"extra\":" +
                               std::string(100000, '[') + std::string(100000, ']') + "}";
    std::vector<Row> rows = {
        // JSONL: one bad line between two good ones.
        jsonl_row("truncated JSON line",
                  R"({"id":"tronque","title":"Fibre optique","body":"Le déploiement de la fibre s'arr)",
                  "malformed JSON", "tronque"),
        jsonl_row("truncated last line without newline",
                  R"({"id":"fin","title":"Semi-conducteurs","body":"Le marché se redresse après)", "malformed JSON",
                  "fin", true),
        jsonl_row("wrong type: \"date\": 12", R"({"id":"date-num","body":"La date est un nombre.","date":12})",
                  "\"date\" must be a string", "date-num"),
        jsonl_row("wrong type: body is an array", R"({"id":"corps-tableau","body":["La","fibre"]})",
                  "\"body\" must be a string", "corps-tableau"),
        jsonl_row("wrong type: id is a boolean", R"({"id":true,"body":"Un identifiant booléen."})",
                  "\"id\" must be a string or an integer"),
        jsonl_row("wrong type: companies is a string",
                  R"({"id":"societes","body":"Orange investit dans la 5G.","companies":"Orange"})",
                  "\"companies\" must be an array of strings", "societes"),
        jsonl_row("wrong type: title is a number", R"({"id":"titre-num","title":3,"body":"Le titre est un nombre."})",
                  "\"title\" must be a string", "titre-num"),
        jsonl_row("NUL byte inside a line",
                  std::string(R"({"id":"nul","body":"octet)") + '\0' + R"( nul au milieu"})", "NUL byte", "nul"),
        jsonl_row("invalid UTF-8: Latin-1 accents",
                  "{\"id\":\"latin1\",\"body\":\"R\xE9sum\xE9 de la r\xE9union\"}", "invalid UTF-8", "latin1"),
        jsonl_row("invalid UTF-8: encoded surrogate", "{\"id\":\"surrogate\",\"body\":\"moiti\xED\xA0\x80\"}",
                  "invalid UTF-8", "surrogate"),
        jsonl_row("invalid UTF-8: overlong slash", "{\"id\":\"overlong\",\"body\":\"chemin \xC0\xAF etc\"}",
                  "invalid UTF-8", "overlong"),
        jsonl_row("date 31/02/2025", R"({"id":"date-bad","body":"Le 31 février n'existe pas.","date":"31/02/2025"})",
                  "unparsable date", "date-bad"),
        jsonl_row("date 29/02/2023 (not a leap year)",
                  R"({"id":"bissextile","body":"2023 n'est pas bissextile.","date":"29/02/2023"})", "unparsable date",
                  "bissextile"),
        jsonl_row("date 2025-13-45", R"({"id":"mois-13","body":"Treizième mois.","date":"2025-13-45"})",
                  "unparsable date", "mois-13"),
        jsonl_row("date in words that are not a date",
                  R"({"id":"demain","body":"Publié demain matin.","date":"demain matin"})", "unparsable date",
                  "demain"),
        jsonl_row("missing body", R"({"id":"sans-corps","title":"Pas de corps"})", "missing \"body\"", "sans-corps"),
        jsonl_row("blank body", R"({"id":"corps-vide","title":"Vide","body":"  \t "})", "\"body\" is empty",
                  "corps-vide"),
        jsonl_row("JSON array instead of an object", R"(["un","tableau"])", "expected a JSON object"),
        jsonl_row("bare JSON string", R"("juste une chaîne")", "expected a JSON object"),
        jsonl_row("number out of range", R"({"id":"enorme","body":"Un nombre démesuré.","date":1e999})", "",
                  "enorme"),
        jsonl_row("garbage text line", "ceci n'est pas du JSON, juste une phrase", "malformed JSON"),
        // Whole-file records.
        file_row("UTF-16 LE with BOM", "windows.jsonl", utf16le(good_json("u16", 4) + "\n", true), 0, "UTF-16"),
        file_row("UTF-16 BE without BOM", "windows.txt", utf16be("Titre\n\nUn texte en UTF-16 sans BOM.\n"), 0,
                 "UTF-16"),
        file_row("empty .jsonl file", "vide.jsonl", "", 0, "empty"),
        file_row("empty .txt file", "vide.txt", "", 0, "empty file"),
        file_row("whitespace-only .md file", "blanc.md", " \n\n\t\n", 0, "empty file"),
        file_row("empty .html file", "vide.html", "", 0, "no text"),
        file_row("empty .rss file", "vide.rss", "", 1, "malformed XML"),
        file_row("binary file with an unknown extension", "image.png", binary_blob(4096), 0, "binary content"),
        file_row("binary file named .jsonl", "dump.jsonl", binary_blob(20000), 0, "binary content"),
        file_row("binary file named .html", "page.html", binary_blob(3000), 0, "binary content"),
        file_row("HTML without body",
                 "sans-corps.html",
                 "<!doctype html><html lang=\"fr\"><head><title>Sans corps</title></head></html>", 0,
                 "no text in HTML body"),
        file_row("HTML with only navigation, scripts and styles", "menu.html",
                 "<html><head><title>Menu</title><style>p{color:red}</style></head><body><nav>Accueil · "
                 "Actualités</nav><script>var x = 'texte caché';</script></body></html>",
                 0, "no text in HTML body"),
        file_row("malformed RSS: unclosed item", "casse.rss",
                 "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n<item>\n<title>Coupé</title>\n"
                 "</channel>\n</rss>\n",
                 6, "malformed XML"),
        file_row("malformed Atom: mismatched tags", "casse.atom",
                 "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry><title>Titre</entry>\n</feed>\n", 2,
                 "malformed XML"),
        file_row("XML that is not a feed", "catalogue.xml", "<?xml version=\"1.0\"?>\n<catalogue><livre/></catalogue>\n",
                 0, "not an RSS or Atom feed"),
        file_row("text with Date: 31/02/2025", "note.md",
                 "Date: 31/02/2025\nSource: Veille Tech\n\n# Un jour qui n'existe pas\n\n" + french_paragraph(3), 1,
                 "unparsable date"),
        file_row("Markdown with a title and no text", "titre.md", "# Seulement un titre\n\n", 0,
                 "no text after the title"),
        file_row("text with invalid UTF-8 on line 3", "latin1.txt",
                 "Titre propre\n\nR\xE9sum\xE9 en Latin-1, ligne trois.\n", 3, "invalid UTF-8"),
        // Control cases: hostile-looking but valid, they must be indexed.
        accepted_file_row("UTF-8 BOM is accepted", "bom.txt",
                          "\xEF\xBB\xBFLa rentrée à Cherbourg\n\n" + french_paragraph(2), "Cherbourg"),
        accepted_file_row("1 MB single line without newline", "ligne.txt",
                          "Une ligne interminable\n\nSur Bayonne " + french_paragraph(10000).substr(0, 1 << 20),
                          "Bayonne"),
        accepted_file_row("CRLF line endings", "crlf.md", "# Rentrée à Valence\r\n\r\n" + french_paragraph(2) + "\r\n",
                          "Valence"),
        accepted_file_row("billion laughs is not expanded", "rires.rss",
                          "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                          "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                          "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                          "<!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>\n" +
                              rss(rss_item("rires-1", "Rires à Chambéry", "Des rires &lol9; à Chambéry.")),
                          "Chambéry", "rires-1"),
        // JSONL control cases and per-record feed problems.
        {"1 MB single JSONL line and a deeply nested unknown field",
         [nested](const TempDir& dir, const std::string&) {
             nlohmann::json big = {{"id", "long"},
                                   {"title", "Un article fleuve à Angoulême"},
                                   {"body", "Angoulême " + french_paragraph(12000).substr(0, 1 << 20)}};
             dir.write("corpus/gros.jsonl", big.dump() + "\n" + nested + "\n");
             Scenario s;
             s.good = {{"long", "Angoulême"}, {"imbrique", "Lorient"}};
             return s;
         }},
        {"RSS item without title or text",
         [](const TempDir& dir, const std::string&) {
             const std::string items = rss_item("flux-1", "Fibre à Poitiers", "Le réseau de Poitiers s'étend.") +
                                       "<item>\n<guid>flux-vide</guid>\n</item>\n" +
                                       rss_item("flux-3", "Cloud à Limoges", "Un centre de données à Limoges.");
             const auto file = dir.write("corpus/flux.rss", rss(items));
             Scenario s;
             s.rejected = {{file, 12, "has no title and no text"}};
             s.good = {{"flux-1", "Poitiers"}, {"flux-3", "Limoges"}};
             s.absent_ids = {"flux-vide"};
             return s;
         }},
        // Paths and directory walks.
        {"missing input path",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             Scenario s;
             s.paths = {dir / "absent.jsonl", corpus};
             s.rejected = {{dir / "absent.jsonl", 0, "no such file or directory"}};
             s.good = {good("bon", 5)};
             return s;
         }},
        {"symlink loop: corpus/boucle -> corpus",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             fs::create_directory_symlink(corpus, corpus + "/boucle");
             Scenario s;
             s.rejected = {{corpus + "/boucle", 0, "symbolic link loop"}};
             s.good = {good("bon", 5)};
             return s;
         }},
        {"self-referencing symlink",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             fs::create_symlink(corpus + "/moi.jsonl", corpus + "/moi.jsonl");
             Scenario s;
             s.rejected = {{corpus + "/moi.jsonl", 0, "symbolic links"}};
             s.good = {good("bon", 5)};
             return s;
         }},
        {"dangling symlink",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             fs::create_symlink(dir / "nulle-part.jsonl", corpus + "/perdu.jsonl");
             Scenario s;
             s.rejected = {{corpus + "/perdu.jsonl", 0, "No such file"}};
             s.good = {good("bon", 5)};
             return s;
         }},
        // Unreadable even for root: reading /proc/self/mem at offset 0 fails with EIO.
        {"unreadable file: read error (EIO, works as root)",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             fs::create_symlink("/proc/self/mem", corpus + "/memoire.jsonl");
             Scenario s;
             s.rejected = {{corpus + "/memoire.jsonl", 0, "Input/output error"}};
             s.good = {good("bon", 5)};
             return s;
         }},
        {"hidden files and directories are skipped",
         [](const TempDir& dir, const std::string&) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             dir.write("corpus/.brouillon.jsonl", "{pas du json");
             dir.write("corpus/.git/objects/ab/cdef", binary_blob(500));
             Scenario s;
             s.good = {good("bon", 5)};
             return s;
         }},
        // A FIFO in a walked directory must not be opened: nobody writes to it, open() would block.
        {"FIFO inside a directory is not opened",
         [](const TempDir& dir, const std::string& corpus) {
             dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
             REQUIRE(::mkfifo((corpus + "/tube.jsonl").c_str(), 0644) == 0);
             Scenario s;
             s.good = {good("bon", 5)};
             return s;
         }},
    };
    return rows;
}

// Runs one scenario and checks every promise of issue 7 for it.
void check_scenario(const TempDir& dir, const std::string& corpus, const Scenario& s, const Limits& limits = {}) {
    const auto db = dir / "db";
    std::vector<std::string> args{"--db", db, "--json"};
    if (s.paths.empty()) args.push_back(corpus);
    args.insert(args.end(), s.paths.begin(), s.paths.end());
    const auto r = index_limited(args, dir, limits);
    INFO("stderr:\n" << r.err);
    INFO("stdout:\n" << r.out.substr(0, 2000));
    REQUIRE_FALSE(r.timed_out);
    REQUIRE(r.exit_code == (s.rejected.empty() ? 0 : 3));

    // Exactly one stderr line per bad record: "veille-index: FILE:LINE: reason" ("FILE: reason" when
    // the whole file is the record).
    const auto lines = lines_of(r.err);
    CHECK(lines.size() == s.rejected.size());
    std::vector<bool> used(lines.size(), false);
    for (const auto& e : s.rejected) {
        const std::string head =
            "veille-index: " + e.file + (e.line ? ":" + std::to_string(e.line) : std::string()) + ": ";
        bool found = false;
        for (std::size_t i = 0; i < lines.size() && !found; ++i) {
            if (used[i] || lines[i].rfind(head, 0) != 0 || lines[i].find(e.reason, head.size()) == std::string::npos)
                continue;
            used[i] = found = true;
            CHECK(lines[i].size() > head.size());  // a reason, not an empty tail
        }
        INFO("expected a line starting with « " << head << " » and containing « " << e.reason << " »");
        CHECK(found);
    }

    // The --json summary counts the good records and lists the bad ones.
    const auto summary = nlohmann::json::parse(r.out);
    std::set<std::string> good_ids;
    for (const auto& g : s.good) good_ids.insert(g.id);
    CHECK(summary["indexed"] == good_ids.size());
    CHECK(summary["rejected"] == s.rejected.size());
    CHECK(summary["errors"].size() == s.rejected.size());
    for (const auto& e : summary["errors"]) {
        CHECK(e["file"].is_string());
        CHECK(e["line"].is_number_unsigned());
        CHECK_FALSE(e["reason"].get<std::string>().empty());
    }

    // No document for a bad record, one for each good one.
    const Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == good_ids.size());
    for (const auto& id : s.absent_ids) {
        INFO("bad record id " << id);
        CHECK(xdb.get_termfreq(veille::id_term(id)) == 0);
    }
    for (const auto& id : good_ids) {
        INFO("good record id " << id);
        CHECK(xdb.get_termfreq(veille::id_term(id)) == 1);
    }

    // Each good record is found by its marker (one veille-search, one query per stdin line).
    if (s.good.empty()) return;
    std::string queries;
    for (const auto& g : s.good) queries += g.marker + "\n";
    const auto found = search_limited({"--db", db, "--json"}, dir, {}, queries);
    INFO("search stderr: " << found.err);
    REQUIRE(found.exit_code == 0);
    const auto answers = lines_of(found.out);
    REQUIRE(answers.size() == s.good.size());
    for (std::size_t i = 0; i < s.good.size(); ++i) {
        const auto answer = nlohmann::json::parse(answers[i]);
        bool hit = false;
        for (const auto& result : answer["results"]) hit = hit || result["id"] == s.good[i].id;
        INFO("query « " << s.good[i].marker << " » should find " << s.good[i].id << "; got " << answers[i]);
        CHECK(hit);
    }
}

std::string make_corpus_dir(const TempDir& dir) {
    const auto corpus = dir / "corpus";
    fs::create_directories(corpus);
    return corpus;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Bad input matrix (issue 7, first bullet).

TEST_CASE("bad input matrix through veille-index", "[e2e][robustness]") {
    for (const auto& row : bad_input_matrix()) {
        DYNAMIC_SECTION(row.name) {
            TempDir dir;
            const auto corpus = make_corpus_dir(dir);
            const Scenario s = row.build(dir, corpus);
            check_scenario(dir, corpus, s);
        }
    }
}

TEST_CASE("50 MB single article is rejected with its line and the rest is indexed", "[e2e][robustness]") {
    TempDir dir;
    const auto corpus = make_corpus_dir(dir);
    const std::string huge_body = "Dunkerque " + french_paragraph(600000).substr(0, 50u << 20);
    SECTION("as one JSONL line") {
        const auto file = dir.write("corpus/fleuve.jsonl", good_json("avant", 0) + "\n" +
                                                               nlohmann::json{{"id", "fleuve"},
                                                                              {"title", "Un article démesuré"},
                                                                              {"body", huge_body}}
                                                                   .dump() +
                                                               "\n" + good_json("apres", 1) + "\n");
        Scenario s;
        s.rejected = {{file, 2, "too large"}};
        s.good = {good("avant", 0), good("apres", 1)};
        s.absent_ids = {"fleuve"};
        check_scenario(dir, corpus, s);
    }
    SECTION("as one text file") {
        const auto file = dir.write("corpus/fleuve.txt", "Un article démesuré\n\n" + huge_body);
        dir.write("corpus/autres.jsonl", good_json("autre-1", 2) + "\n");
        Scenario s;
        s.rejected = {{file, 0, "too large"}};
        s.good = {good("autre-1", 2)};
        s.absent_ids = {file};
        check_scenario(dir, corpus, s);
    }
}

TEST_CASE("duplicate ids in one batch make one document and the last one wins", "[e2e][robustness]") {
    TempDir dir;
    const auto db = dir / "db";
    auto second = nlohmann::json::parse(good_json("double", 1));
    const auto file = dir.write("lot.jsonl", good_json("double", 0) + "\n" + second.dump() + "\n" +
                                                 good_json("seul", 2) + "\n");
    const auto r = run_index({"--db", db, "--json", file});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto summary = nlohmann::json::parse(r.out);
    CHECK(summary["indexed"] == 2);
    CHECK(summary["updated"].get<int>() + summary["unchanged"].get<int>() == 1);
    const Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == 2);
    CHECK(xdb.get_termfreq(veille::id_term("double")) == 1);
    const auto found = run_search({"--db", db, "--json", "Besançon"});  // the town of the second version
    REQUIRE(found.exit_code == 0);
    const auto answer = nlohmann::json::parse(found.out);
    REQUIRE(answer["total"] == 1);
    CHECK(answer["results"][0]["id"] == "double");
    CHECK(nlohmann::json::parse(run_search({"--db", db, "--json", "Quimper"}).out)["total"] == 0);
}

TEST_CASE("on-error fail stops at the first bad record and keeps committed batches", "[e2e][robustness]") {
    TempDir dir;
    const auto db = dir / "db";
    const auto file = dir.write("lot.jsonl", good_json("avant", 0) + "\n" +
                                                 R"({"id":"date-num","body":"La date est un nombre.","date":12})" +
                                                 "\n" + good_json("apres", 1) + "\n");
    const auto r = run_index({"--db", db, "--on-error", "fail", "--batch-size", "1", file});
    CHECK(r.exit_code == 1);
    const auto lines = lines_of(r.err);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].rfind("veille-index: " + file + ":2: ", 0) == 0);
    CHECK(lines[0].find("\"date\" must be a string") != std::string::npos);
    const Xapian::Database xdb(db);
    CHECK(xdb.get_termfreq(veille::id_term("avant")) == 1);
    CHECK(xdb.get_termfreq(veille::id_term("date-num")) == 0);
    CHECK(xdb.get_termfreq(veille::id_term("apres")) == 0);
}

// As root, permission bits do not stop reads: the child drops to nobody instead. Without that
// capability (a locked-down container) the test says so rather than passing vacuously.
TEST_CASE("unreadable file and directory give permission denied (as nobody when root)", "[e2e][robustness]") {
    if (!can_run_unprivileged()) {
        WARN("cannot run a child as nobody here (no CAP_SETUID): permission-denied inputs not tested");
        return;
    }
    TempDir dir;
    const auto corpus = make_corpus_dir(dir);
    // Several files and directories next to the unreadable one: the old recursive walk stopped at
    // the first error, silently dropping whatever came after it in readdir order.
    Scenario s;
    for (int i = 0; i < 8; ++i) {
        const std::string id = "bon-" + std::to_string(i);
        dir.write("corpus/" + id + ".jsonl", good_json(id, 8 + i) + "\n");
        dir.write("corpus/sous-" + std::to_string(i) + "/" + id + "b.jsonl", good_json(id + "b", 8 + i) + "\n");
        s.good.push_back(good(id, 8 + i));
        s.good.push_back(good(id + "b", 8 + i));
    }
    dir.write("corpus/bon.jsonl", good_json("bon", 5) + "\n");
    const auto secret = dir.write("corpus/secret.jsonl", good_json("secret", 6) + "\n");
    dir.write("corpus/prive/cache.jsonl", good_json("cache", 7) + "\n");
    fs::permissions(secret, fs::perms::none);
    fs::permissions(corpus + "/prive", fs::perms::none);
    fs::create_directories(dir / "db");
    if (::geteuid() == 0) {
        // nobody must be able to create the database, reach the corpus and write its outputs.
        REQUIRE(::chown((dir / "db").c_str(), kNobody, kNobody) == 0);
        fs::permissions(dir.path(), fs::perms::all);
    }
    s.rejected = {{secret, 0, "Permission denied"}, {corpus + "/prive", 0, "Permission denied"}};
    s.good.push_back(good("bon", 5));
    s.absent_ids = {"secret", "cache"};
    Limits limits;
    limits.unprivileged = true;
    check_scenario(dir, corpus, s, limits);
}

// ---------------------------------------------------------------------------------------------
// Database problems (issue 7, fourth bullet): one clear line, exit 1, the previous commit intact.

namespace {

void require_one_line_error(const Outcome& r, const std::string& program, const std::string& must_contain) {
    INFO(program << " stderr:\n" << r.err);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    const auto lines = lines_of(r.err);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].rfind(program + ": ", 0) == 0);
    CHECK(lines[0].find(must_contain) != std::string::npos);
    CHECK(lines[0].find("internal error") == std::string::npos);
}

std::string small_corpus(const TempDir& dir) {
    return dir.write("petit.jsonl", good_json("p-1", 0) + "\n" + good_json("p-2", 1) + "\n" + good_json("p-3", 2) + "\n");
}

std::size_t search_total(const TempDir& dir, const std::string& db, const std::string& query) {
    const auto r = search_limited({"--db", db, "--json", "--", query}, dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out)["total"].get<std::size_t>();
}

}  // namespace

TEST_CASE("veille-search on a missing database prints one line and exits 1", "[e2e][robustness]") {
    TempDir dir;
    const auto db = dir / "absente.db";
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", db);
    CHECK_FALSE(fs::exists(db));  // searching never creates a database
}

TEST_CASE("db option naming a regular file is refused by both binaries", "[e2e][robustness]") {
    TempDir dir;
    const auto db = dir.write("fichier.db", "pas une base\n");
    require_one_line_error(index_limited({"--db", db, small_corpus(dir)}, dir), "veille-index", db);
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", db);
    CHECK(slurp(db) == "pas une base\n");
}

TEST_CASE("db option naming a directory of other files is refused and left untouched", "[e2e][robustness]") {
    TempDir dir;
    const auto db = dir / "documents";
    dir.write("documents/rapport.txt", "Rapport annuel\n");
    dir.write("documents/notes.md", "# Notes\n");
    require_one_line_error(index_limited({"--db", db, small_corpus(dir)}, dir), "veille-index",
                           "not a veille database");
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", db);
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(db)) names.insert(e.path().filename().string());
    CHECK(names == std::set<std::string>{"notes.md", "rapport.txt"});
}

TEST_CASE("a Xapian database not made by veille is refused by both binaries", "[e2e][robustness]") {
    TempDir dir;
    const auto db = dir / "autre.db";
    {
        Xapian::WritableDatabase other(db, Xapian::DB_CREATE);
        Xapian::Document doc;
        doc.add_term("bonjour");
        other.add_document(doc);
        other.commit();
    }
    require_one_line_error(index_limited({"--db", db, small_corpus(dir)}, dir), "veille-index",
                           "not a veille database");
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", "not a veille database");
    CHECK(Xapian::Database(db).get_doccount() == 1);
}

TEST_CASE("wrong schema version 999 is refused by both binaries", "[e2e][robustness]") {
    TempDir dir;
    const auto db = dir / "db";
    REQUIRE(index_limited({"--db", db, small_corpus(dir)}, dir).exit_code == 0);
    {
        Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
        REQUIRE(w.get_metadata(std::string(veille::kSchemaKey)) == std::to_string(veille::kSchemaVersion));
        w.set_metadata(std::string(veille::kSchemaKey), "999");
        w.commit();
    }
    const auto more = dir.write("plus.jsonl", good_json("p-4", 3) + "\n");
    require_one_line_error(index_limited({"--db", db, more}, dir), "veille-index", "schema version 999");
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", "schema version 999");
    const Xapian::Database xdb(db);
    CHECK(xdb.get_doccount() == 3);
    CHECK(xdb.get_metadata(std::string(veille::kSchemaKey)) == "999");
}

TEST_CASE("damaged database with iamglass overwritten gives one line and no crash", "[e2e][robustness]") {
    TempDir dir;
    const auto db = dir / "db";
    REQUIRE(index_limited({"--db", db, small_corpus(dir)}, dir).exit_code == 0);
    dir.write("db/iamglass", "ceci n'est plus une base Xapian");
    require_one_line_error(index_limited({"--db", db, small_corpus(dir)}, dir), "veille-index", db);
    require_one_line_error(search_limited({"--db", db, "cloud"}, dir), "veille-search", db);
}

// Root ignores directory permissions, so as root the writer runs as nobody; the directory keeps
// its owner (root) and mode 0755, i.e. it is read-only for the writer.
TEST_CASE("read-only database directory gives a clear error and searches still work", "[e2e][robustness]") {
    if (!can_run_unprivileged()) {
        WARN("cannot run a child as nobody here (no CAP_SETUID): read-only database not tested");
        return;
    }
    TempDir dir;
    const auto db = dir / "db";
    REQUIRE(index_limited({"--db", db, small_corpus(dir)}, dir).exit_code == 0);
    fs::permissions(dir.path(), fs::perms::all);
    if (::geteuid() != 0) {
        // Without root the writer is the owner: take write permission from the files as well, or
        // Xapian would still open the existing lock file.
        const auto read_only = fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read;
        for (const auto& e : fs::directory_iterator(db)) fs::permissions(e.path(), read_only);
        fs::permissions(db, read_only | fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec);
    }
    const auto more = dir.write("plus.jsonl", good_json("p-4", 3) + "\n");
    Limits as_nobody;
    as_nobody.unprivileged = true;
    const auto r = index_limited({"--db", db, more}, dir, as_nobody);
    require_one_line_error(r, "veille-index", db);
    // Bug found by this test: Xapian reports an unopenable lock file as DatabaseLockError, which was
    // shown as "locked by another veille-index".
    CHECK(r.err.find("locked by another") == std::string::npos);
    CHECK(r.err.find("Permission denied") != std::string::npos);

    const auto found = search_limited({"--db", db, "--json", "Quimper"}, dir, as_nobody);
    INFO(found.err);
    CHECK(found.exit_code == 0);
    CHECK(found.err.empty());

    // A new database under a read-only parent cannot be created either.
    const auto nested = db + "/nouvelle";
    require_one_line_error(index_limited({"--db", nested, more}, dir, as_nobody), "veille-index", nested);
    fs::permissions(db, fs::perms::owner_all, fs::perm_options::add);
}

// A full disk, simulated without mounts: RLIMIT_FSIZE with SIGXFSZ ignored makes every write past
// the limit fail with EFBIG, which Xapian reports like ENOSPC (a failed block write).
TEST_CASE("disk full simulated by RLIMIT_FSIZE gives one line and keeps the previous commit", "[e2e][robustness]") {
    TempDir dir;
    const auto db = dir / "db";
    REQUIRE(index_limited({"--db", db, small_corpus(dir)}, dir).exit_code == 0);
    std::uintmax_t largest = 0;
    for (const auto& e : fs::directory_iterator(db)) largest = std::max(largest, e.file_size());

    std::string lines;
    for (int i = 0; i < 3000; ++i)
        lines += nlohmann::json{{"id", "gros-" + std::to_string(i)},
                                {"title", "Article numéro " + std::to_string(i) + " sur le numérique"},
                                {"body", french_paragraph(6 + i % 7) + " Référence " + std::to_string(i * 7919) + "."}}
                     .dump() +
                 "\n";
    const auto big = dir.write("gros.jsonl", lines);
    Limits limits;
    limits.file_size = largest + (64u << 10);
    const auto r = index_limited({"--db", db, "--batch-size", "1000", big}, dir, limits);
    require_one_line_error(r, "veille-index", db);

    // The database still opens, checks clean, and holds the first run plus whole batches only.
    const Xapian::Database xdb(db);
    CHECK((xdb.get_doccount() - 3) % 1000 == 0);
    CHECK(xdb.get_termfreq(veille::id_term("p-1")) == 1);
    if (fs::exists("/usr/bin/xapian-check")) {
        const auto check = run_limited("/usr/bin/xapian-check", {db}, dir);
        INFO(check.out << check.err);
        CHECK(check.exit_code == 0);
    } else {
        WARN("xapian-check not installed (xapian-tools): database structure not verified");
    }
    CHECK(search_total(dir, db, "Quimper") == 1);

    // Space comes back: the same run completes.
    const auto again = index_limited({"--db", db, "--json", big}, dir);
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == 3003);
}

// ---------------------------------------------------------------------------------------------
// Query side (issue 7, fifth bullet): every nasty query is answered or rejected with a column.

namespace {

std::vector<std::string> nasty_queries() {
    std::vector<std::string> queries;
    std::ifstream in(test_data("queries_nasty.txt"), std::ios::binary);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line.rfind("# ", 0) != 0) queries.push_back(line);
    return queries;
}

// Cases a text file cannot hold or that are too big for one: built here.
std::vector<std::pair<std::string, std::string>> generated_queries() {
    std::vector<std::pair<std::string, std::string>> q;
    std::string many, same, ors, near;
    for (int i = 0; i < 10000; ++i) many += "mot" + std::to_string(i) + " ";
    for (int i = 0; i < 10000; ++i) same += "sécurité ";
    for (int i = 0; i < 3000; ++i) ors += (i ? " OR t" : "t") + std::to_string(i);
    for (int i = 0; i < 1000; ++i) near += (i ? " NEAR m" : "m") + std::to_string(i);
    q.emplace_back("10,000 distinct terms", many);
    q.emplace_back("10,000 times the same word", same);
    q.emplace_back("3,000 OR alternatives", ors);
    q.emplace_back("1,000 NEAR operands", near);
    q.emplace_back("phrase of 10,000 words", "\"" + many + "\"");
    q.emplace_back("10,000 nested parentheses", std::string(10000, '(') + "cloud" + std::string(10000, ')'));
    q.emplace_back("10,000 unclosed parentheses", std::string(10000, '(') + "cloud");
    q.emplace_back("10,000 closing parentheses", "cloud" + std::string(10000, ')'));
    std::string signs;
    for (int i = 0; i < 50000; ++i) signs += i % 2 ? '-' : '+';
    q.emplace_back("50,000 alternating signs", signs + "cloud");
    std::string nots;
    for (int i = 0; i < 5000; ++i) nots += "-(";
    q.emplace_back("5,000 nested negations", nots + "cloud" + std::string(5000, ')'));
    q.emplace_back("100,000-letter word", std::string(100000, 'a'));
    q.emplace_back("100,000-letter prefix", std::string(100000, 'e') + "*");
    q.emplace_back("10,000 stars", std::string(10000, '*'));
    q.emplace_back("10,000 quotes", std::string(10000, '"'));
    q.emplace_back("10,000 date filters", [] {
        std::string s;
        for (int i = 0; i < 10000; ++i) s += "date:" + std::to_string(1900 + i % 200) + " ";
        return s;
    }());
    q.emplace_back("invalid UTF-8: lone continuation byte", "cloud \x80 souverain");
    q.emplace_back("invalid UTF-8: truncated é", "s\xC3");
    q.emplace_back("invalid UTF-8: 0xFF 0xFE", "\xFF\xFE nuage");
    q.emplace_back("invalid UTF-8: encoded surrogate", "moiti\xED\xA0\x80");
    q.emplace_back("invalid UTF-8: overlong", "\xC0\xAF etc");
    q.emplace_back("invalid UTF-8 in a phrase", "\"s\xE9" "curit\xE9 r\xE9seau\"");
    q.emplace_back("invalid UTF-8 in a field", "company:\xE9\xE9");
    q.emplace_back("invalid UTF-8 in a date", "date:2025-\xFF");
    q.emplace_back("terminal escape sequence", "\x1b[31mrouge\x1b[0m \x1b]0;titre\x07");
    q.emplace_back("backspaces and bell", "clou\bd\a");
    return q;
}

// One query through one veille-search process: answered (JSON) or rejected (one line with a column).
void check_query(const TempDir& dir, const std::string& db, const std::string& label, const std::string& query) {
    const auto r = search_limited({"--db", db, "--json", "--", query}, dir, Limits{20.0});
    INFO("query " << label << " (" << query.size() << " bytes): « " << query.substr(0, 200) << " »");
    INFO("stderr: " << r.err.substr(0, 2000));
    CHECK_FALSE(r.timed_out);
    CHECK(r.max_rss_kb < kMaxRssKb);
    if (r.exit_code == 0) {
        const auto answer = nlohmann::json::parse(r.out, nullptr, false);
        CHECK_FALSE(answer.is_discarded());
        if (!answer.is_discarded()) CHECK(answer["results"].is_array());
    } else {
        CHECK(r.exit_code == 2);
        const auto lines = lines_of(r.err);
        CHECK(lines.size() == 1);
        CHECK(r.err.rfind("veille-search: ", 0) == 0);
        CHECK(r.err.find("column") != std::string::npos);
    }
}

}  // namespace

TEST_CASE("nasty queries are answered or rejected with a column", "[e2e][robustness]") {
    TempDir dir;
    const auto db = dir / "db";
    const auto indexed = index_limited({"--db", db, source_file("corpus/articles.jsonl")}, dir);
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);
    const auto file_queries = nasty_queries();
    REQUIRE(file_queries.size() >= 40);

    SECTION("one process per query (tests/data/queries_nasty.txt)") {
        for (std::size_t i = 0; i < file_queries.size(); ++i)
            check_query(dir, db, "queries_nasty.txt #" + std::to_string(i + 1), file_queries[i]);
    }
    SECTION("one process per query (generated)") {
        for (const auto& [label, query] : generated_queries()) check_query(dir, db, label, query);
    }
    SECTION("every query and control character through one stdin session") {
        // Each line is answered with a JSON line or rejected on stderr as "stdin:N: … column …".
        std::vector<std::string> queries = file_queries;
        for (int c = 1; c < 32; ++c)
            if (c != '\n') queries.push_back(std::string("cloud") + static_cast<char>(c) + "souverain");
        queries.push_back(std::string("cloud\x7Fsouverain"));
        queries.push_back(std::string("octet\0nul", 9));
        queries.push_back(std::string(1, '\0'));
        std::string input;
        for (const auto& q : queries) input += q + "\n";
        const auto r = search_limited({"--db", db, "--json"}, dir, Limits{60.0}, input);
        INFO("stderr: " << r.err.substr(0, 4000));
        CHECK_FALSE(r.timed_out);
        CHECK(r.max_rss_kb < kMaxRssKb);
        CHECK((r.exit_code == 0 || r.exit_code == 2));
        std::size_t answered = 0, rejected = 0;
        for (const auto& line : lines_of(r.out)) {
            const auto answer = nlohmann::json::parse(line, nullptr, false);
            CHECK_FALSE(answer.is_discarded());
            ++answered;
        }
        for (const auto& line : lines_of(r.err)) {
            INFO(line);
            CHECK(line.rfind("veille-search: stdin:", 0) == 0);
            CHECK(line.find("column") != std::string::npos);
            ++rejected;
        }
        CHECK(answered + rejected == queries.size());  // no line is blank, none is lost
    }
}
