// query_recovery.cpp — one repair per parse error, chosen by the kind of lexeme at the error's column.
// Repairs only ever remove or demote lexemes, so a query of n lexemes is read after at most n repairs.
#include "searcher/query/query_recovery.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace veille {

namespace {

bool is_operator(Lex k) { return k == Lex::And || k == Lex::Or || k == Lex::Not || k == Lex::Near; }

std::string shown(const Lexeme& l) { return l.field.empty() ? l.text : l.field + ":" + l.text; }

// Every parenthesis without its pair goes in one pass (a stack of the open ones), so that a pasted
// text with a thousand stray « ) » costs one repair, not a thousand parses.
void balance_parentheses(std::vector<Lexeme>& lexemes, std::vector<QueryNotice>& notices) {
    std::vector<std::size_t> open;
    std::vector<bool> drop(lexemes.size(), false);
    for (std::size_t i = 0; i < lexemes.size(); ++i) {
        if (lexemes[i].kind == Lex::LParen) {
            open.push_back(i);
        } else if (lexemes[i].kind == Lex::RParen) {
            if (open.empty()) {
                drop[i] = true;
                notices.push_back({lexemes[i].column, "parenthèse fermante sans ouverture, ignorée"});
            } else {
                open.pop_back();
            }
        }
    }
    for (const std::size_t i : open) {
        drop[i] = true;
        notices.push_back({lexemes[i].column, "parenthèse ouvrante sans fermeture, ignorée"});
    }
    std::size_t k = 0;
    lexemes.erase(std::remove_if(lexemes.begin(), lexemes.end(), [&](const Lexeme&) { return drop[k++]; }),
                  lexemes.end());
}

}  // namespace

bool repair_syntax(std::vector<Lexeme>& lexemes, const QueryError& error, std::vector<QueryNotice>& notices) {
    const auto at = std::find_if(lexemes.begin(), lexemes.end() - 1,
                                 [&](const Lexeme& l) { return l.column == error.column(); });
    if (at == lexemes.end() - 1) return false;
    const std::size_t column = at->column;
    switch (at->kind) {
        case Lex::And: case Lex::Or: case Lex::Not: case Lex::Near:
            notices.push_back({column, "opérateur « " + at->text + " » sans terme à relier, ignoré"});
            lexemes.erase(at);
            return true;
        case Lex::LParen:
            if (std::string_view(error.what()).find("nested") != std::string_view::npos) {
                notices.push_back({column, "parenthèses imbriquées trop profondément, toutes ignorées"});
                lexemes.erase(std::remove_if(lexemes.begin(), lexemes.end(),
                                             [](const Lexeme& l) { return l.kind == Lex::LParen || l.kind == Lex::RParen; }),
                              lexemes.end());
                return true;
            }
            [[fallthrough]];
        case Lex::RParen: {
            const std::size_t before = lexemes.size();
            balance_parentheses(lexemes, notices);
            if (lexemes.size() < before) return true;
            // Balanced, yet an error at a parenthesis (« () »): drop that one.
            notices.push_back({column, "parenthèse sans contenu, ignorée"});
            lexemes.erase(std::find_if(lexemes.begin(), lexemes.end(), [&](const Lexeme& l) { return l.column == column; }));
            return true;
        }
        case Lex::Field:
            notices.push_back({column, "« " + shown(*at) + " » n’est pas un filtre valide, lu comme du texte"});
            at->kind = Lex::Word;
            at->field.clear();
            at->sign = 0;
            return true;
        case Lex::Word:
            if (at->text.find('*') != std::string::npos) {
                if (at->text.find_first_not_of('*') == std::string::npos) {
                    notices.push_back({column, "« * » seul n’est pas un mot, ignoré"});
                    lexemes.erase(at);
                } else {
                    notices.push_back({column, "« * » ne se place qu’à la fin d’un mot, ignoré dans « " + at->text + " »"});
                    at->text.erase(std::remove(at->text.begin(), at->text.end(), '*'), at->text.end());
                }
                return true;
            }
            [[fallthrough]];
        case Lex::Phrase: {
            // « "une phrase" NEAR mot »: NEAR joins single words; the sides are kept as plain terms.
            const auto near = std::find_if(at, lexemes.end(), [](const Lexeme& l) { return l.kind == Lex::Near; });
            if (near == lexemes.end()) return false;
            notices.push_back({near->column, "« " + near->text + " » relie deux mots seuls (pas une phrase ni un nom), ignoré"});
            lexemes.erase(near);
            return true;
        }
        case Lex::End: break;
    }
    return false;
}

void read_as_words(std::vector<Lexeme>& lexemes, std::vector<QueryNotice>& notices) {
    notices.push_back({0, "syntaxe illisible : la requête est lue comme du texte"});
    std::vector<Lexeme> words;
    for (Lexeme& l : lexemes) {
        if (l.kind == Lex::End) {
            words.push_back(l);
            continue;
        }
        if (l.kind == Lex::LParen || l.kind == Lex::RParen || is_operator(l.kind)) continue;
        l.text.erase(std::remove(l.text.begin(), l.text.end(), '*'), l.text.end());
        if (l.text.empty()) continue;
        l.kind = Lex::Word;
        l.field.clear();
        l.sign = 0;
        words.push_back(std::move(l));
    }
    lexemes = std::move(words);
}

}  // namespace veille
