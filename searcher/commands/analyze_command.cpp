// analyze_command.cpp — --analyze TEXT: what the analyzer makes of a text and which index terms follow.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/analysis/analyzer.hpp"
#include "common/index_terms.hpp"
#include "common/text/utf8.hpp"
#include "searcher/commands/commands.hpp"

namespace veille {

namespace {

using Json = nlohmann::ordered_json;

std::string_view kind_name(TokenKind kind) {
    switch (kind) {
        case TokenKind::Word: return "word";
        case TokenKind::Number: return "number";
        case TokenKind::Compound: return "compound";
        case TokenKind::Name: return "name";
    }
    return "word";
}

void print_json(std::string_view text, const std::vector<Token>& tokens, std::ostream& out) {
    Json list = Json::array();
    for (const Token& t : tokens) {
        Json j;
        j["position"] = t.position;
        j["surface"] = t.surface;
        j["kind"] = kind_name(t.kind);
        j["exact"] = t.exact;
        j["folded"] = t.folded;
        j["stem"] = t.stem;
        j["stopword"] = t.stopword;
        j["begin"] = t.begin;
        j["end"] = t.end;
        j["span"] = t.span;
        j["terms"] = index_terms(t, TextField::Body);
        j["title_terms"] = index_terms(t, TextField::Title);
        list.push_back(std::move(j));
    }
    Json doc;
    doc["text"] = text;
    doc["tokens"] = std::move(list);
    out << doc.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

void print_table(std::string_view text, const std::vector<Token>& tokens, std::ostream& out) {
    // Columns padded by display width (UTF-8 aware) so accented forms line up.
    const auto width = [](const std::string& s) { return utf8_length(s); };
    const auto cell = [&](const std::string& s, std::size_t w) {
        return s + std::string(w > width(s) ? w - width(s) : 1, ' ');
    };
    std::size_t w_surface = 6, w_form = 5;
    for (const Token& t : tokens) {
        w_surface = std::max(w_surface, width(t.surface) + 2);
        w_form = std::max({w_form, width(t.exact) + 2, width(t.folded) + 2, width(t.stem) + 2});
    }
    out << "Texte : « " << text << " » — " << tokens.size() << (tokens.size() == 1 ? " jeton" : " jetons") << "\n\n";
    out << cell("pos", 5) << cell("forme", w_surface) << cell("type", 10) << cell("exact", w_form)
        << cell("plié", w_form) << cell("racine", w_form) << cell("vide", 6) << cell("octets", 10) << "termes\n";
    for (const Token& t : tokens) {
        std::string pos = std::to_string(t.position);
        if (t.span > 1) pos += "+" + std::to_string(t.span - 1);
        std::string terms;
        // As in a title: the body's terms and the ZS stem.
        for (const auto& term : index_terms(t, TextField::Title)) terms += (terms.empty() ? "" : "  ") + term;
        out << cell(pos, 5) << cell(t.surface, w_surface) << cell(std::string(kind_name(t.kind)), 10)
            << cell(t.exact, w_form) << cell(t.folded, w_form) << cell(t.stem, w_form)
            << cell(t.stopword ? "oui" : "non", 6) << cell(std::to_string(t.begin) + "–" + std::to_string(t.end), 10)
            << terms << '\n';
    }
}

}  // namespace

int run_analyze(const SearchOptions& opt) {
    const std::vector<Token> tokens = Analyzer::standard().analyze(opt.analyze_text);
    if (opt.format == OutputFormat::Json)
        print_json(opt.analyze_text, tokens, std::cout);
    else
        print_table(opt.analyze_text, tokens, std::cout);
    return 0;
}

}  // namespace veille
