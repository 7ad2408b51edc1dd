// robustness_files_test.cpp — whole files that are not articles (wrong encoding, empty, binary, HTML
// without text, broken feeds, a bad date header) are rejected by path; hostile-looking valid files
// (BOM, 1 MB line, CRLF, billion laughs) and a 50 MB article are handled.
#include "tests/support/input_scenario.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace veille::test;  // the support helpers: run_index, index_limited, good_json, check_rows…

namespace {

std::vector<ScenarioRow> file_rows() {
    return {
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
    };
}

}  // namespace

TEST_CASE("bad input matrix through veille-index: whole files", "[e2e][robustness][input]") { check_rows(file_rows()); }

TEST_CASE("50 MB single article is rejected with its line and the rest is indexed", "[e2e][robustness][input]") {
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
