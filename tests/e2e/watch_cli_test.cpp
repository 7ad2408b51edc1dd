// watch_cli_test.cpp — `veille-search watch` through the real binaries on a copy of the bundled
// corpus: add/list/rm, each article reported once (new arrivals, updates in place, re-indexing, a
// bulk load from scratch into the same directory), filters and date words read at each run, names
// and errors, two runs at once (issue 18, part 3).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/run_binary.hpp"
#include "tests/support/watch_db.hpp"

using nlohmann::json;
using veille::test::reported_ids;
using veille::test::RunResult;
using veille::test::WatchDb;

namespace {

using Ids = std::set<std::string>;

Ids as_set(const std::vector<std::string>& ids) { return {ids.begin(), ids.end()}; }

// The corpus articles that « rançongiciel » finds.
const Ids kRansomware{"reg-023", "reg-026", "reg-030"};

// Two new articles about ransomware and one about something else, as a feed would bring them.
const char* const kArrivals =
    R"j({"id": "new-rancon-1", "title": "Un rançongiciel paralyse les services de la mairie de Saint-Brieuc", "date": "2026-12-05", "source": "Le Fil Numérique", "url": "https://le-fil-numerique.example/2026/rancongiciel-saint-brieuc", "body": "La mairie de Saint-Brieuc a été frappée dans la nuit de jeudi par un rançongiciel qui a chiffré les serveurs de l’état civil et de la paie. Les agents sont revenus au papier, la collectivité a porté plainte et l’Agence nationale de la sécurité des systèmes d’information accompagne la reprise."})j"
    "\n"
    R"j({"id": "new-rancon-2", "title": "Des cliniques de Nouvelle-Aquitaine visées par un rançongiciel", "date": "2026-12-06", "source": "L'Octet", "url": "https://l-octet.example/2026/cliniques-rancongiciel", "body": "Trois cliniques privées de Nouvelle-Aquitaine ont dû déprogrammer des opérations après l’attaque d’un rançongiciel. Le groupe qui les exploite affirme qu’aucune donnée de patient n’a été publiée et refuse de payer la rançon demandée."})j"
    "\n"
    R"j({"id": "new-autre-1", "title": "La Poste ouvre un centre de tri automatisé près de Lyon", "date": "2026-12-06", "source": "L'Octet", "url": "https://l-octet.example/2026/la-poste-tri", "body": "La Poste a inauguré à Saint-Priest un centre de tri où des robots trient les colis du commerce en ligne. Le site emploiera deux cents personnes et traitera un million de paquets par jour en période de fêtes."})j"
    "\n";

// reg-026 again, its text rewritten (a correction): same id, still about ransomware.
const char* const kReg026Updated =
    R"j({"id": "reg-026", "title": "Rectificatif : l’hôpital d’Armentières toujours perturbé par le rançongiciel", "date": "2024-02-12", "source": "Veille Tech", "body": "Une semaine après l’attaque au rançongiciel, l’hôpital d’Armentières fonctionne encore en mode dégradé : les urgences ont rouvert mais les rendez-vous de consultation restent reportés. L’établissement précise qu’aucune rançon n’a été versée."})j"
    "\n";

std::vector<std::string> corpus_and(const WatchDb& db, const std::string& extra) {
    return {veille::test::source_file("corpus/articles"), db.dir() / extra};
}

ino_t inode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_ino;
}

}  // namespace

TEST_CASE("watch: add, list and rm keep the watches in the database directory", "[e2e][watch]") {
    WatchDb db;
    const std::string none = "Aucune veille (ajoutez-en une : veille-search watch add NOM REQUÊTE)\n";
    CHECK(db.search({"watch", "list"}).out == none);
    CHECK(db.search({"watch", "run"}).out == none);
    RunResult r = db.search({"watch", "add", "rancon", "rançongiciel"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out ==
          "Veille « rancon » ajoutée : 3 articles correspondent aujourd’hui ; le prochain « watch "
          "run » les "
          "signalera.\n");
    REQUIRE(db.search({"watch", "add", "cloud-orange", "--filter", "company:orange", "cloud"})
                .exit_code == 0);
    CHECK(std::filesystem::exists(db.dir() / "db/watches.json"));
    // Saved by rename: no temporary file is left beside it.
    for (const auto& entry : std::filesystem::directory_iterator(db.path()))
        CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);

    r = db.search({"watch", "list", "--json"});
    REQUIRE(r.exit_code == 0);
    const json list = json::parse(r.out);
    REQUIRE(list["watches"].size() == 2);
    CHECK(list["watches"][0]["name"] == "rancon");
    CHECK(list["watches"][0]["query"] == "rançongiciel");
    CHECK(list["watches"][1]["name"] == "cloud-orange");
    CHECK(list["watches"][1]["filters"] == json::array({"company:orange"}));
    CHECK(list["watches"][1]["last_run"].is_null());
    CHECK(list["watches"][1]["reported"] == 0);
    r = db.search({"watch", "list"});
    CHECK(r.out.find("rancon : « rançongiciel » — jamais lancée, 0 articles signalés\n") !=
          std::string::npos);
    CHECK(r.out.find("cloud-orange : « cloud » --filter company:orange") != std::string::npos);

    r = db.search({"watch", "rm", "rancon"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Veille « rancon » supprimée.\n");
    const json after = json::parse(db.search({"watch", "list", "--json"}).out);
    REQUIRE(after["watches"].size() == 1);
    CHECK(after["watches"][0]["name"] == "cloud-orange");
}

TEST_CASE("watch run: each article once — arrivals, updates in place, re-indexing",
          "[e2e][watch]") {
    WatchDb db;
    REQUIRE(db.search({"watch", "add", "rancon", "rançongiciel"}).exit_code == 0);

    // The first run reports what matches today; the second, nothing.
    CHECK(as_set(reported_ids(db.run_json(), "rancon")) == kRansomware);
    CHECK(reported_ids(db.run_json(), "rancon").empty());

    // Two matching arrivals (and one that does not match): exactly those, newest first.
    db.index_jsonl("arrivals.jsonl", kArrivals);
    CHECK(reported_ids(db.run_json(), "rancon") ==
          std::vector<std::string>{"new-rancon-2", "new-rancon-1"});
    CHECK(reported_ids(db.run_json(), "rancon").empty());

    // An article re-indexed with new text keeps its id: not news again.
    RunResult r = db.index({"--json", db.dir().write("correction.jsonl", kReg026Updated)});
    REQUIRE(r.exit_code == 0);
    REQUIRE(json::parse(r.out)["updated"] == 1);
    CHECK(reported_ids(db.run_json(), "rancon").empty());
    r = db.search({"--json", "Rectificatif Armentières"});
    REQUIRE(json::parse(r.out)["results"][0]["id"] ==
            "reg-026");  // the new text is the one indexed

    // Everything indexed again into the same directory: nothing is new.
    REQUIRE(db.index(corpus_and(db, "arrivals.jsonl")).exit_code == 0);
    CHECK(reported_ids(db.run_json(), "rancon").empty());

    // From scratch in the same directory: every article deleted, then a bulk load (several threads
    // into an empty database), which puts a merged directory in its place — the watches go with the
    // name.
    std::vector<std::string> remove{"--delete"};
    const json everything = json::parse(
        db.search({"--json", "--no-collapse", "-n", "1000", "*"}).out);  // not a temporary: the loop refers into it
    for (const auto& hit : everything["results"]) remove.push_back(hit["id"]);
    REQUIRE(remove.size() == 1 + 167 + 3);
    REQUIRE(db.index(remove).exit_code == 0);
    const ino_t before = inode_of(db.path());
    std::vector<std::string> reload = corpus_and(db, "arrivals.jsonl");
    reload.insert(reload.begin(), {"--threads", "2"});
    r = db.index(reload);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(inode_of(db.path()) != before);  // the bulk load did replace the directory
    const json list = json::parse(db.search({"watch", "list", "--json"}).out);
    REQUIRE(list["watches"].size() == 1);
    CHECK(list["watches"][0]["reported"] == 5);
    CHECK(reported_ids(db.run_json(), "rancon").empty());

    // Removed and added again, a watch starts afresh.
    REQUIRE(db.search({"watch", "rm", "rancon"}).exit_code == 0);
    REQUIRE(db.search({"watch", "add", "rancon", "rançongiciel"}).exit_code == 0);
    CHECK(reported_ids(db.run_json(), "rancon").size() == 5);
}

TEST_CASE("watch run --json: one object, per watch its reading and its new results",
          "[e2e][watch]") {
    WatchDb db;
    REQUIRE(db.search({"watch", "add", "rancon", "rançongiciel"}).exit_code == 0);
    REQUIRE(
        db.search({"watch", "add", "vide", "--filter", "date:1990", "rançongiciel"}).exit_code ==
        0);
    const nlohmann::ordered_json run =
        nlohmann::ordered_json::parse(db.search({"watch", "run", "--json"}).out);
    REQUIRE(run.size() == 1);
    REQUIRE(run["watches"].size() == 2);
    std::vector<std::string> keys;
    for (const auto& [key, value] : run["watches"][0].items()) keys.push_back(key);
    CHECK(keys ==
          std::vector<std::string>{"name", "query", "filters", "notices", "new", "results"});
    const json& first = run["watches"][0];
    CHECK(first["new"] == 3);
    REQUIRE(first["results"].size() == 3);
    const json& hit = first["results"][0];
    for (const char* field : {"rank", "id", "score", "title", "date", "date_origin", "source",
                              "url", "companies", "topics", "snippet"})
        CHECK(hit.contains(field));
    CHECK(hit["snippet"].get<std::string>().find("<mark>rançongiciel</mark>") != std::string::npos);
    CHECK(run["watches"][1]["name"] == "vide");
    CHECK(run["watches"][1]["filters"] == nlohmann::ordered_json::array({"date:1990"}));
    CHECK(run["watches"][1]["new"] == 0);
    CHECK(run["watches"][1]["results"] == nlohmann::ordered_json::array());

    // Named watches only, in the order given.
    const json named = db.run_json({"vide"});
    REQUIRE(named["watches"].size() == 1);
    CHECK(named["watches"][0]["name"] == "vide");

    // No watches at all: an empty list, exit 0.
    WatchDb empty;
    CHECK(empty.run_json() == json::parse(R"({"watches":[]})"));
}

TEST_CASE("watch run: filters and date words, read again at each run from --today",
          "[e2e][watch]") {
    WatchDb db;
    REQUIRE(db.search({"watch", "add", "mistral-ete", "Mistral", "AI", "depuis", "juillet"})
                .exit_code == 0);
    REQUIRE(db.search({"watch", "add", "cloud-orange", "--filter", "company:orange", "cloud"})
                .exit_code == 0);

    // Today 2025-08-01: « depuis juillet » is July 2025 to today.
    json run = db.run_json({"--today", "2025-08-01"});
    const json& ete = run["watches"][0];
    CHECK(ete["filters"] == json::array({"date:2025-07..2025-08-01"}));
    CHECK(as_set(reported_ids(run, "mistral-ete")) == Ids{"ia-040", "reg-004"});
    for (const auto& hit : run["watches"][1]["results"])
        CHECK(std::count(hit["companies"].begin(), hit["companies"].end(), "Orange") == 1);
    CHECK(run["watches"][1]["new"] == 4);

    // Four months later (VEILLE_TODAY this time): the same words now reach September.
    const RunResult later = db.search({"watch", "run", "--json"}, {"VEILLE_TODAY=2025-12-31"});
    REQUIRE(later.exit_code == 0);
    run = json::parse(later.out);
    CHECK(run["watches"][0]["filters"] == json::array({"date:2025-07..2025-12-31"}));
    CHECK(as_set(reported_ids(run, "mistral-ete")) == Ids{"ia-042", "eco-040"});
    CHECK(reported_ids(run, "cloud-orange").empty());

    // --no-date-words is kept with the watch: the words are then searched as words.
    REQUIRE(db.search({"watch", "add", "mot-a-mot", "--no-date-words", "Mistral", "AI", "depuis",
                       "juillet"})
                .exit_code == 0);
    run = db.run_json({"mot-a-mot", "--today", "2025-08-01"});
    CHECK(run["watches"][0]["filters"] == json::array());
}

TEST_CASE("watch: bad names, unknown watches and errors are one line with the documented exit code",
          "[e2e][watch]") {
    WatchDb db;
    REQUIRE(db.search({"watch", "add", "rancon", "rançongiciel"}).exit_code == 0);
    const std::string kNameRule =
        "': use 1 to 64 letters a-z A-Z, digits, '-' or '_', starting with a letter or digit\n";
    struct Case {
        std::vector<std::string> args;
        int exit_code;
        std::string err;
    };
    const std::string long_name(65, 'a');
    const std::vector<Case> cases = {
        {{"watch", "add", "deux mots", "ia"},
         2,
         "veille-search: bad watch name 'deux mots" + kNameRule},
        {{"watch", "add", "sécurité", "ia"},
         2,
         "veille-search: bad watch name 'sécurité" + kNameRule},
        {{"watch", "add", "../x", "ia"}, 2, "veille-search: bad watch name '../x" + kNameRule},
        {{"watch", "add", "_x", "ia"}, 2, "veille-search: bad watch name '_x" + kNameRule},
        {{"watch", "add", long_name, "ia"},
         2,
         "veille-search: bad watch name '" + long_name + kNameRule},
        {{"watch", "rm", "a.b"}, 2, "veille-search: bad watch name 'a.b" + kNameRule},
        {{"watch", "add", "rancon", "ia"},
         2,
         "veille-search: watch 'rancon' already exists (remove it first with: watch rm rancon)\n"},
        {{"watch", "rm", "inconnue"},
         2,
         "veille-search: no watch named 'inconnue' (watches: rancon)\n"},
        {{"watch", "run", "rancon", "inconnue"},
         2,
         "veille-search: no watch named 'inconnue' (watches: rancon)\n"},
        {{"watch", "feed", "inconnue"},
         2,
         "veille-search: no watch named 'inconnue' (watches: rancon)\n"},
        {{"watch", "add", "couleur", "--filter", "couleur:rouge", "ia"},
         2,
         "veille-search: unknown field 'couleur' (known fields: id, title, company, topic, source, "
         "date)\n"},
        {{"watch", "add", "strict", "--strict", "a) b"},
         2,
         "veille-search: query column 2: unbalanced parenthesis: ')' without '('\n"},
        {{"watch", "rm", "rancon", "de-trop"},
         2,
         "veille-search: watch rm: unexpected argument 'de-trop'\n"},
        {{"watch", "run", "--trec"},
         2,
         "veille-search: watch: --trec is not available (use --json)\n"},
    };
    for (const Case& c : cases) {
        const RunResult r = db.search(c.args);
        INFO(c.args[1] << " " << c.args[2]);
        CHECK(r.exit_code == c.exit_code);
        CHECK(r.err == c.err);
        CHECK(r.out.empty());
    }
    // Command-line mistakes are CLI11's, exit 2 too.
    CHECK(db.search({"watch"}).exit_code == 2);
    CHECK(db.search({"watch", "add", "seul"}).exit_code == 2);
    CHECK(db.search({"watch", "feed"}).exit_code == 2);

    // No database: exit 1, naming it.
    const std::string missing = db.dir() / "absente";
    RunResult r = veille::test::run_search({"--db", missing, "watch", "list"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "veille-search: " + missing +
                       ": no such database (create it with: veille-index --db " + missing +
                       " PATH...)\n");
    // A damaged state file: exit 1, one line naming the file; nothing is overwritten.
    const std::string state =
        db.dir().write("db/watches.json", "{\"version\":1,\"watches\":[{\"name\":");
    r = db.search({"watch", "run"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.rfind("veille-search: " + state + ": damaged watch state: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    r = db.search({"watch", "add", "autre", "ia"});
    CHECK(r.exit_code == 1);
    CHECK(db.search({"watch", "list"}).exit_code == 1);
}

TEST_CASE("watch run: two runs at once report each article once and keep the state whole",
          "[e2e][watch]") {
    WatchDb db;
    // Several rounds: without the lock, two runs reading the state before either saves both report
    // everything, which a single round might miss by luck.
    for (int round = 0; round < 4; ++round) {
        const std::string name = "rancon" + std::to_string(round);
        REQUIRE(db.search({"watch", "add", name, "rançongiciel"}).exit_code == 0);
        RunResult a, b;
        std::thread first([&] { a = db.search({"watch", "run", "--json", name}); });
        std::thread second([&] { b = db.search({"watch", "run", "--json", name}); });
        first.join();
        second.join();
        INFO("round " << round << "\n" << a.err << b.err);
        REQUIRE(a.exit_code == 0);
        REQUIRE(b.exit_code == 0);
        std::vector<std::string> both = reported_ids(json::parse(a.out), name);
        const auto other = reported_ids(json::parse(b.out), name);
        both.insert(both.end(), other.begin(), other.end());
        CHECK(both.size() == kRansomware.size());  // each reported by one run only
        CHECK(as_set(both) == kRansomware);
    }
    const json list = json::parse(db.search({"watch", "list", "--json"}).out);
    REQUIRE(list["watches"].size() == 4);
    for (const auto& w : list["watches"]) CHECK(w["reported"] == 3);
}
