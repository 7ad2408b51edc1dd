// xapian_floor.cpp — the single-writer floor: the corpus's whitespace-split words added to Xapian with
// positions and no analysis at all, plus the same id term, date value and stored text veille keeps.
//
//   xapian_floor CORPUS.jsonl DB_DIR [FLUSH_DOCS]   → one JSON line {docs, bytes, terms, seconds}
//
// Whatever veille spends beyond this is analysis, extraction and the extra terms it writes; whatever
// this spends is Xapian's cost of inverting and storing the text. A CMake target under
// -DVEILLE_BENCH=ON (scripts/bench builds it).
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

// Adds every run of non-space bytes as a term at the next position (terms over Xapian's limit skipped).
Xapian::termpos add_words(Xapian::Document& doc, const std::string& text, Xapian::termpos pos, std::size_t& terms) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        while (i < n && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) ++i;
        std::size_t j = i;
        while (j < n && !(text[j] == ' ' || text[j] == '\n' || text[j] == '\t' || text[j] == '\r')) ++j;
        if (j > i && j - i <= 240) {
            doc.add_posting(text.substr(i, j - i), ++pos);
            ++terms;
        }
        i = j;
    }
    return pos;
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 3) {
        std::cerr << "usage: xapian_floor CORPUS.jsonl DB_DIR [FLUSH_DOCS]\n";
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    std::ifstream in(argv[1]);
    if (!in) throw std::runtime_error(std::string("cannot read ") + argv[1]);
    Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
    const unsigned long flush = argc > 3 ? std::stoul(argv[3]) : 2000;
    std::string line;
    unsigned long docs = 0;
    std::size_t bytes = 0, terms = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line);
        const std::string id = j.value("id", "");
        const std::string title = j.value("title", "");
        const std::string body = j.value("body", "");
        bytes += title.size() + body.size();
        Xapian::Document doc;
        const Xapian::termpos end = add_words(doc, title, 0, terms);
        add_words(doc, body, end + 100, terms);
        doc.add_boolean_term("Q" + id);
        if (j.contains("date")) doc.add_value(0, j["date"].get<std::string>());
        doc.set_data(nlohmann::json{{"id", id}, {"title", title}, {"body", body}}.dump());
        db.replace_document("Q" + id, doc);
        if (++docs % flush == 0) db.commit();
    }
    db.commit();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"docs\":%lu,\"bytes\":%zu,\"terms\":%zu,\"seconds\":%.3f}\n", docs, bytes, terms, seconds);
    return 0;
} catch (const Xapian::Error& e) {
    std::cerr << "xapian_floor: " << e.get_description() << '\n';
    return 1;
} catch (const std::exception& e) {
    std::cerr << "xapian_floor: " << e.what() << '\n';
    return 1;
}
