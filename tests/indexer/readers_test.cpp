// readers_test.cpp — every input format on tests/data/readers fixtures, good and rejected records.
#include "indexer/readers/reader.hpp"

#include "common/error.hpp"
#include "indexer/readers/html_text.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using veille::Article;
using veille::Format;
using veille::Record;
using veille::Rejected;

namespace {

std::string fixture(const std::string& name) { return std::string(VEILLE_TEST_DATA) + "/readers/" + name; }

std::vector<Record> read_path(const std::string& path, Format format = Format::Auto) {
    std::vector<Record> records;
    veille::read_file(path, format, [&](Record&& r) {
        records.push_back(std::move(r));
        return true;
    });
    return records;
}

std::vector<Record> read_string(std::string_view content, const std::string& name, Format format = Format::Auto) {
    std::vector<Record> records;
    veille::read_buffer(content, name, format, [&](Record&& r) {
        records.push_back(std::move(r));
        return true;
    });
    return records;
}

const Article& article(const Record& r) {
    if (const auto* rej = std::get_if<Rejected>(&r)) FAIL("rejected: " << rej->file << ":" << rej->line << ": " << rej->reason);
    return std::get<Article>(r);
}

const Rejected& rejected(const Record& r) {
    if (std::holds_alternative<Article>(r)) FAIL("accepted: " << std::get<Article>(r).id);
    return std::get<Rejected>(r);
}

std::string date_of(const Article& a) { return a.date ? a.date->iso() : std::string(); }

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("detect_format uses the extension, then the first bytes", "[indexer][readers]") {
    struct Case {
        const char* path;
        const char* head;
        Format expected;
    };
    const Case cases[] = {
        {"corpus/a.jsonl", "", Format::Jsonl},         {"A.NDJSON", "", Format::Jsonl},
        {"export.json", "", Format::Jsonl},            {"note.md", "{", Format::Text},
        {"note.markdown", "", Format::Text},           {"lisez-moi.txt", "<html>", Format::Text},
        {"page.HTM", "", Format::Html},                {"page.xhtml", "", Format::Html},
        {"flux.rss", "", Format::Feed},                {"flux.atom", "", Format::Feed},
        {"flux.xml", "", Format::Feed},                {"sans-extension", "{\"id\": 1}", Format::Jsonl},
        {"sans-extension", "\xEF\xBB\xBF {\"id\"", Format::Jsonl},
        {"sans-extension", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", Format::Feed},
        {"sans-extension", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", Format::Feed},
        {"sans-extension", "\n  <!DOCTYPE html><html lang=\"fr\">", Format::Html},
        {"sans-extension", "<HTML><BODY>", Format::Html},
        {"sans-extension", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", Format::Html},
        {"sans-extension", "Bonjour à tous", Format::Text},
        {".jsonl", "Bonjour", Format::Text},  // a dot file, not an extension
    };
    for (const Case& c : cases) {
        DYNAMIC_SECTION(c.path << " / " << c.head) { CHECK(veille::detect_format(c.path, c.head) == c.expected); }
    }
}

TEST_CASE("parse_format names the valid formats", "[indexer][readers]") {
    CHECK(veille::parse_format("jsonl") == Format::Jsonl);
    CHECK(veille::parse_format("auto") == Format::Auto);
    CHECK(veille::parse_format("HTML") == Format::Html);
    CHECK(veille::parse_format("feed") == Format::Feed);
    CHECK(veille::parse_format("markdown") == Format::Text);
    CHECK_THROWS_WITH(veille::parse_format("pdf"),
                      "unknown format \"pdf\"; valid formats are auto, jsonl, text, html, feed");
}

TEST_CASE("JSONL: good lines become articles", "[indexer][readers][jsonl]") {
    const std::string path = fixture("good.jsonl");
    const auto records = read_path(path);
    REQUIRE(records.size() == 4);
    const Article& a = article(records[0]);
    CHECK(a.id == "a1");
    CHECK(a.title == "Mistral AI lève 600 millions d’euros");
    CHECK(a.body.starts_with("La start-up française Mistral AI"));
    CHECK(date_of(a) == "2025-07-12");  // local date kept, offset not applied
    CHECK(a.date_origin == veille::DateOrigin::Metadata);
    CHECK(a.source == "Le Journal du Net");
    CHECK(a.url == "https://exemple.fr/mistral-levee");
    CHECK(a.lang == "fr");
    CHECK(a.companies == Strings{"Mistral AI"});
    CHECK(a.topics == Strings{"IA générative"});

    const Article& b = article(records[1]);
    CHECK(b.id == "https://exemple.fr/cnil-ia");  // no id: the url
    CHECK(date_of(b) == "2025-08-01");

    const Article& c = article(records[2]);
    CHECK(c.id == "42");  // numeric id
    CHECK(c.title.empty());
    CHECK_FALSE(c.date);
    CHECK(c.date_origin == veille::DateOrigin::None);

    const Article& d = article(records[3]);
    CHECK(d.id == path + ":6");  // neither id nor url: file:line, blank lines counted
    CHECK(date_of(d) == "2025-07-12");
}

TEST_CASE("JSONL: each bad line is rejected alone with its line and reason", "[indexer][readers][jsonl]") {
    const std::string path = fixture("bad.jsonl");
    const auto records = read_path(path);
    REQUIRE(records.size() == 12);
    CHECK(article(records[0]).id == "ok1");
    struct Expected {
        std::size_t line;
        std::string reason;
    };
    const Expected expected[] = {
        {2, "malformed JSON at column 63: syntax error while parsing value - invalid string: missing closing quote; last read: '\"Le texte s'arr'"},
        {3, "\"date\" must be a string"},
        {4, "unparsable date \"31/02/2025\""},
        {5, "missing \"body\""},
        {6, "\"body\" is empty"},
        {7, "expected a JSON object, not array"},
        {8, "invalid UTF-8 at byte offset 24"},
        {9, "NUL byte at byte offset 25"},
        {10, "\"companies\" must be an array of strings"},
        {11, "\"title\" must be a string"},
    };
    for (std::size_t i = 0; i < std::size(expected); ++i) {
        const Rejected& r = rejected(records[i + 1]);
        CHECK(r.file == path);
        CHECK(r.line == expected[i].line);
        CHECK(r.reason == expected[i].reason);
    }
    const Article& last = article(records[11]);  // CRLF line
    CHECK(last.id == "ok2");
    CHECK(date_of(last) == "2025-07-12");
}

TEST_CASE("JSONL: BOM stripped, UTF-16 and binary refused whole", "[indexer][readers][jsonl]") {
    const auto bom = read_path(fixture("bom.jsonl"));
    REQUIRE(bom.size() == 1);
    CHECK(article(bom[0]).id == "bom");

    const auto utf16 = read_path(fixture("utf16.jsonl"));
    REQUIRE(utf16.size() == 1);
    CHECK(rejected(utf16[0]).reason == "UTF-16 input is not supported; convert to UTF-8");
    CHECK(rejected(utf16[0]).line == 0);

    // UTF-16 without a BOM shows as NULs between ASCII bytes.
    const std::string le("{\0\"\0i\0d\0\"\0", 10);
    CHECK(rejected(read_string(le, "x.jsonl").at(0)).reason == "UTF-16 input is not supported; convert to UTF-8");

    CHECK(rejected(read_string("\n  \n", "vide.jsonl").at(0)).reason == "empty file");
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    CHECK(rejected(read_string(png, "dump.jsonl").at(0)).reason ==
          "binary content (NUL byte at byte offset 8); expected UTF-8 text");
    const auto binary = read_string(png, "image.txt");
    REQUIRE(binary.size() == 1);
    CHECK(rejected(binary[0]).reason == "binary content (NUL byte at byte offset 8); expected UTF-8 text");
    const auto nul_html = read_string(std::string("<html><body>a\0b</body></html>", 29), "p.html");
    CHECK(rejected(nul_html.at(0)).reason == "binary content (NUL byte at byte offset 13); expected UTF-8 text");
}

TEST_CASE("JSONL: long lines, arrays, early stop", "[indexer][readers][jsonl]") {
    const std::string body(1 << 20, 'x');
    const std::string content = "{\"id\":\"long\",\"body\":\"" + body + "\"}\n{\"id\":\"next\",\"body\":\"suite\"}\n";
    const auto records = read_string(content, "long.jsonl");
    REQUIRE(records.size() == 2);
    CHECK(article(records[0]).body.size() == body.size());
    // Over the article size limit: rejected by the reader, which still knows the line.
    const std::string huge = "{\"body\":\"x\"}\n{\"id\":\"fleuve\",\"body\":\"" + std::string(9u << 20, 'y') + "\"}\n";
    const auto too_large = read_string(huge, "fleuve.jsonl");
    REQUIRE(too_large.size() == 2);
    CHECK(rejected(too_large[1]).line == 2);
    CHECK(rejected(too_large[1]).reason == "article 'fleuve' is too large (9437184 bytes, limit 8 MiB)");

    const auto array = read_string("[{\"id\":\"x\",\"body\":\"un\"}, {\"title\":\"sans corps\"}]", "export.json");
    REQUIRE(array.size() == 2);
    CHECK(article(array[0]).id == "x");
    CHECK(rejected(array[1]).reason == "element 1: missing \"body\"");

    int seen = 0;
    veille::read_buffer("{\"body\":\"a\"}\n{\"body\":\"b\"}\n{\"body\":\"c\"}\n", "s.jsonl", Format::Auto, [&](Record&&) {
        return ++seen < 2;
    });
    CHECK(seen == 2);
}

TEST_CASE("JSONL files are streamed: lines across read blocks, numbers and errors as when held whole",
          "[indexer][readers][jsonl]") {
    // read_file reads JSON Lines 1 MiB at a time: lines must come out whole whatever the cut.
    std::string content = "\xEF\xBB\xBF";
    const std::string body = "Le régulateur européen ouvre une enquête sur les conditions d’accès aux centres de données. ";
    std::size_t lines = 0;
    while (content.size() < (5u << 20) / 2) {
        ++lines;
        if (lines == 3000) {
            content += "{\"id\":\"cassé\",\"body\":\r\n";  // broken, CRLF
            continue;
        }
        std::string text;
        for (std::size_t k = 0; k < 1 + lines % 9; ++k) text += body;
        content += "{\"id\":\"a" + std::to_string(lines) + "\",\"title\":\"Dépêche " + std::to_string(lines) +
                   "\",\"body\":\"" + text + "\"}" + (lines % 2 ? "\r\n" : "\n");
        if (lines % 1000 == 0) content += "\n   \n";  // blank lines count as lines
    }
    veille::test::TempDir tmp;
    const std::string path = tmp.write("flux.jsonl", content);
    const auto streamed = read_path(path);
    const auto whole = read_string(std::string_view(content).substr(3), "flux.jsonl");
    REQUIRE(streamed.size() == lines);
    REQUIRE(whole.size() == streamed.size());
    std::size_t bad = 0;
    for (std::size_t i = 0; i < streamed.size(); ++i) {
        if (const auto* r = std::get_if<Rejected>(&streamed[i])) {
            ++bad;
            CHECK(r->file == path);
            CHECK(r->line == 3000 + 2 * 2);  // two pairs of blank lines before it
            CHECK(rejected(whole[i]).line == r->line);
            continue;
        }
        CHECK(article(streamed[i]).id == article(whole[i]).id);
        CHECK(article(streamed[i]).body == article(whole[i]).body);
    }
    CHECK(bad == 1);
    CHECK(article(streamed.back()).id == "a" + std::to_string(lines));
}

TEST_CASE("Markdown with YAML front matter", "[indexer][readers][text]") {
    const std::string path = fixture("note.md");
    const auto records = read_path(path);
    REQUIRE(records.size() == 1);
    const Article& a = article(records[0]);
    CHECK(a.id == path);
    CHECK(a.title == "L'Arcep dresse le bilan de la fibre");
    CHECK(date_of(a) == "2025-03-18");
    CHECK(a.date_origin == veille::DateOrigin::Metadata);
    CHECK(a.source == "Arcep");
    CHECK(a.url == "https://exemple.fr/arcep-fibre");
    CHECK(a.companies == Strings{"Orange", "SFR"});
    CHECK(a.topics == Strings{"Télécoms", "Infrastructures"});
    CHECK(a.body ==
          "Selon l'Arcep, plus de 90 % des locaux sont désormais raccordables à la fibre optique.\n\n"
          "Les opérateurs en retard\n\n"
          "Orange reste le premier opérateur d'infrastructure ;\n"
          "SFR accélère dans les zones moins denses.\n\n"
          "Le régulateur appelle à « finir le travail » d'ici à 2027.\n\n"
          "code ignoré ? non : gardé, seule la clôture disparaît");
}

TEST_CASE("Text with header lines, plain text, bad dates", "[indexer][readers][text]") {
    const auto h_records = read_path(fixture("headers.txt"));
    const Article& h = article(h_records.at(0));
    CHECK(h.title == "Le Sénat adopte le projet de loi sur la sécurité numérique");
    CHECK(date_of(h) == "2025-07-12");
    CHECK(h.source == "Public Sénat");
    CHECK(h.url == "https://exemple.fr/senat-numerique");
    CHECK(h.body.starts_with("Les sénateurs ont adopté"));
    CHECK(h.body.ends_with("pouvoirs de l'Arcom."));

    const auto p_records = read_path(fixture("plain.txt"));
    const Article& p = article(p_records.at(0));
    CHECK(p.title == "Quand l'open source rencontre l'IA générative");
    CHECK(p.body.starts_with("Les modèles dits « ouverts »"));
    CHECK_FALSE(p.date);  // readers never date from text

    const auto bad_records = read_path(fixture("bad-date.md"));
    const Rejected& bad = rejected(bad_records.at(0));
    CHECK(bad.line == 3);
    CHECK(bad.reason == "unparsable date \"31/02/2025\"");
    CHECK(rejected(read_path(fixture("title-only.md")).at(0)).reason == "no text after the title");
    // A one-line note is its own text; a first line too long for a title stays in the body.
    const auto one_line = read_string("Rachat de Shazam par Apple\n", "note.txt");
    CHECK(article(one_line.at(0)).title == "Rachat de Shazam par Apple");
    CHECK(article(one_line.at(0)).body == "Rachat de Shazam par Apple");
    std::string paragraph;
    while (paragraph.size() < 300) paragraph += "Une ligne interminable sur Bayonne et ses start-up. ";
    const auto long_line = read_string(paragraph, "ligne.txt");
    CHECK(article(long_line.at(0)).title == "Une ligne interminable sur Bayonne et ses start-up. Une ligne interminable sur Bayonne et ses…");
    CHECK(article(long_line.at(0)).body == paragraph.substr(0, paragraph.size() - 1));
    CHECK(rejected(read_string(" \n\n", "vide.txt").at(0)).reason == "empty file");
    const auto latin1_records = read_string("Titre\nCaf\xe9 cr\xe8me\n", "latin1.txt");
    const Rejected& latin1 = rejected(latin1_records.at(0));
    CHECK(latin1.line == 2);
    CHECK(latin1.reason == "invalid UTF-8 at byte offset 9; convert the file to UTF-8");
}

TEST_CASE("HTML: main text without chrome, metadata date, canonical URL", "[indexer][readers][html]") {
    const auto a_records = read_path(fixture("page.html"));
    const Article& a = article(a_records.at(0));
    CHECK(a.title == "Quantique : Pasqal lève 100 millions d’euros | Tech Actu");
    CHECK(a.body ==
          "Quantique : Pasqal lève 100 millions d’euros\n\n"
          "La start-up française Pasqal, spécialiste des ordinateurs quantiques à atomes neutres, a bouclé un "
          "tour de table de 100\u00a0millions d’euros.\n\n"
          "Les fonds serviront à industrialiser ses machines.\nUne usine est prévue.");
    CHECK(date_of(a) == "2024-01-30");
    CHECK(a.date_origin == veille::DateOrigin::Metadata);
    CHECK(a.source == "Tech Actu");
    CHECK(a.url == "https://exemple.fr/pasqal-levee");
    CHECK(a.id == a.url);
    CHECK(a.lang == "fr");
}

TEST_CASE("HTML: JSON-LD date, <main>, <time>, fallbacks", "[indexer][readers][html]") {
    const auto j_records = read_path(fixture("jsonld.html"));
    const Article& j = article(j_records.at(0));
    CHECK(j.body ==
          "Un hôpital d'Île-de-France a été victime d'un rançongiciel dans la nuit de dimanche à lundi.\n\n"
          "L'Anssi accompagne l'établissement.");
    CHECK(date_of(j) == "2024-11-05");  // the broken first JSON-LD block is ignored
    CHECK(j.url == "https://exemple.fr/cyberattaque-hopital");

    const std::string path = fixture("time.html");
    const auto t_records = read_path(path);
    const Article& t = article(t_records.at(0));
    CHECK(t.title == "Apple ouvre un centre de recherche à Grenoble");  // no <title>: the h1
    CHECK(date_of(t) == "2025-02-14");  // meta « pas une date » skipped, <time datetime> used
    CHECK(t.id == path);
    CHECK(t.body.starts_with("Apple ouvre un centre de recherche à Grenoble\n\nPublié le 14 février 2025\n\n"));

    CHECK(rejected(read_path(fixture("empty.html")).at(0)).reason == "no text in HTML body");

    const auto l_records = read_path(fixture("latin1.html"));
    const Article& l = article(l_records.at(0));
    CHECK(l.title == "Réseaux");
    CHECK(l.body == "La sécurité des réseaux à l'épreuve.");

    // Text that only scripts reveal (LibreOffice help pages) is taken when nothing else is visible.
    const auto hidden_records =
        read_string("<html><body><span hidden>Seulement caché</span><div aria-hidden=\"true\"></div></body></html>", "aide.html");
    CHECK(article(hidden_records.at(0)).body == "Seulement caché");
}

TEST_CASE("html_to_text collapses whitespace and separates blocks", "[indexer][readers][html]") {
    CHECK(veille::html_to_text("<p>Le <b>12</b>\n  juillet</p><p>Fin</p>") == "Le 12 juillet\n\nFin");
    CHECK(veille::html_to_text("Texte brut sans balise") == "Texte brut sans balise");
    CHECK(veille::html_to_text("<ul><li>un</li><li>deux</li></ul>") == "un\n\ndeux");
    CHECK(veille::html_to_text("<table><tr><td>a</td><td>b</td></tr></table>") == "a b");
    CHECK(veille::html_to_text("<div style=\"display: none\">caché</div>visible") == "visible");
    CHECK(veille::html_to_text("").empty());
    CHECK(veille::html_to_text("<div role=\"navigation\">Accueil</div><div class=\"x navheader\">Préc.</div><p>texte</p>") ==
          "texte");
    // Nesting: walked with an explicit stack up to the limit, never handed to gumbo beyond it
    // (its tree construction is quadratic in depth: 20,000 nested <div> took 17 s).
    std::string deep;
    for (std::size_t i = 0; i < veille::kMaxHtmlDepth; ++i) deep += "<div>";
    CHECK(veille::nesting_depth(deep) == veille::kMaxHtmlDepth);
    CHECK(veille::html_to_text(deep + "profond") == "profond");
    CHECK(veille::html_to_text(deep + "<section>trop <i>profond</i>") == "trop profond");
    CHECK(veille::nesting_depth("<p>un<p>deux<br><img src=x><script>'<div><div>'</script><div></div>") == 1);
    const auto records = read_string("<html><body>" + deep + "<div>texte</body></html>", "profond.html");
    CHECK(rejected(records.at(0)).reason == "HTML nested 1001 elements deep (more than 1000); not indexed");
}

TEST_CASE("RSS 2.0 items", "[indexer][readers][feed]") {
    const std::string path = fixture("feed.rss");
    const auto records = read_path(path);
    REQUIRE(records.size() == 4);
    const Article& a = article(records[0]);
    CHECK(a.title == "Le Conseil d'État valide le fichier des passeports");
    CHECK(a.body == "La haute juridiction administrative a rejeté le recours des associations.");
    CHECK(a.id == "ns-2025-0712-1");
    CHECK(a.url == "https://exemple.fr/conseil-etat-passeports");
    CHECK(date_of(a) == "2025-07-12");
    CHECK(a.source == "Numérique & Société");
    CHECK(a.lang == "fr");

    const Article& b = article(records[1]);
    CHECK(b.body == "La plateforme française refond son application.\n\nObjectif : les 18-24 ans.");
    CHECK(b.id == "https://exemple.fr/dailymotion-vertical");
    CHECK(date_of(b) == "2025-06-03");

    const Article& c = article(records[2]);
    CHECK(c.id == path + "#3");
    CHECK_FALSE(c.date);

    const Rejected& d = rejected(records[3]);
    CHECK(d.line == 26);
    CHECK(d.reason == "<item> 4 has no title and no text");
}

TEST_CASE("Atom entries", "[indexer][readers][feed]") {
    const auto records = read_path(fixture("feed.atom"));
    REQUIRE(records.size() == 2);
    const Article& a = article(records[0]);
    CHECK(a.title == "Linux 6.15 : les nouveautés");
    CHECK(a.body == "Le noyau Linux passe en version 6.15.\n\nRust y gagne du terrain.");
    CHECK(a.url == "https://exemple.fr/linux-6-15");
    CHECK(a.id == "tag:exemple.fr,2025:linux-6-15");
    CHECK(date_of(a) == "2025-05-26");  // published, not updated
    CHECK(a.source == "Le blog de l'open source");
    CHECK(a.lang == "fr");
    const Article& b = article(records[1]);
    CHECK(b.body == "La communauté publie la première bêta de PostgreSQL 18 & ses E/S asynchrones.");
    CHECK(b.id == "https://exemple.fr/postgresql-18");
    CHECK(date_of(b) == "2025-05-08");
}

TEST_CASE("Malformed and foreign XML", "[indexer][readers][feed]") {
    const auto records = read_path(fixture("malformed.rss"));
    REQUIRE(records.size() == 1);
    const Rejected& r = rejected(records[0]);
    CHECK(r.reason.starts_with("malformed XML at byte offset "));
    CHECK(r.line > 1);
    CHECK(rejected(read_string("<?xml version=\"1.0\"?><svg/>", "x.xml").at(0)).reason ==
          "not an RSS or Atom feed (root element <svg>)");
    CHECK(rejected(read_string("", "vide.rss").at(0)).reason.starts_with("malformed XML at byte offset 0"));
}

TEST_CASE("read_file reports files it cannot open", "[indexer][readers]") {
    const auto ignore = [](Record&&) { return true; };
    CHECK_THROWS_AS(veille::read_file(fixture("absent.jsonl"), Format::Auto, ignore), veille::InputError);
    CHECK_THROWS_WITH(veille::read_file(fixture("absent.jsonl"), Format::Auto, ignore),
                      fixture("absent.jsonl") + ": No such file or directory");
    CHECK_THROWS_WITH(veille::read_file(std::string(VEILLE_TEST_DATA) + "/readers", Format::Auto, ignore),
                      std::string(VEILLE_TEST_DATA) + "/readers: Is a directory");
}
