// query_lexer.cpp — a hand-written scanner: the query language is small, and its errors (strict) or
// notices (lenient) must name the column where they are.
#include "searcher/query/query_lexer.hpp"

#include <algorithm>
#include <optional>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/text/ascii.hpp"
#include "common/text/utf8.hpp"

namespace veille {

namespace {

// Measured on 1,500 French headlines (issue 15): read as operators, the lowercase « et » / « ou » of
// ordinary sentences (« Emmanuel Macron et Elton John lancent un appel ») turned 69 of them into hard
// ANDs that lost their article. Operators are therefore upper case only; and a headline typed in
// capitals (« LE PSG ET L'OM ») uses its ET as a word, since nobody writes operators in such a query.
bool has_lowercase(std::string_view q) {
    for (std::size_t i = 0; i < q.size(); ++i) {
        const auto c = static_cast<unsigned char>(q[i]);
        if (c >= 'a' && c <= 'z') return true;
        // U+00DF–U+00FF (ß à … ÿ) are C3 9F–BF in UTF-8; French lowercase accented letters are there.
        if (c == 0xC3 && i + 1 < q.size() && static_cast<unsigned char>(q[i + 1]) >= 0x9F) return true;
    }
    return false;
}

}  // namespace

std::string QueryNotice::line() const {
    return column == 0 ? text : "colonne " + std::to_string(column) + " : " + text;
}

namespace {

// The 1-based character column of a byte offset, counted from the last offset asked for instead of
// from the start of the query: the lexer asks in (nearly) increasing order, so a query of n bytes
// costs O(n) in all, where counting from the start for every lexeme cost O(n²) on long pasted text.
// An offset behind the last one (a notice about the start of the lexeme just read) counts back.
class ColumnCounter {
public:
    explicit ColumnCounter(std::string_view q) : q_(q) {}

    std::size_t operator()(std::size_t byte) {
        if (byte < byte_) return column_ - utf8_length(q_.substr(byte, byte_ - byte));
        column_ += utf8_length(q_.substr(byte_, byte - byte_));
        byte_ = byte;
        return column_;
    }

private:
    std::string_view q_;
    std::size_t byte_ = 0;
    std::size_t column_ = 1;
};

class Lexer {
public:
    Lexer(std::string_view q, bool strict, std::vector<QueryNotice>& notices)
        : q_(q), strict_(strict), french_(has_lowercase(q)), notices_(notices), column_of_(q) {}

    std::vector<Lexeme> run() {
        std::vector<Lexeme> out;
        while (true) {
            while (pos_ < q_.size() && is_space(q_[pos_])) ++pos_;
            if (pos_ >= q_.size()) break;
            out.push_back(next());
        }
        out.push_back({Lex::End, "", "", 0, column_of_(q_.size()), 10});
        return out;
    }

private:
    // Strict: an unclosed quote runs to the end of the query, as in Xapian's QueryParser. Lenient: a
    // stray quote in pasted text says nothing about where a phrase ends, so it is ignored and the
    // words are read as words (nullopt).
    std::optional<std::string> quoted(std::size_t open) {
        const std::size_t close = q_.find('"', open + 1);
        if (close == std::string_view::npos && !strict_) {
            note(open, "guillemet sans fermeture, ignoré");
            pos_ = open + 1;
            return std::nullopt;
        }
        const std::size_t end = std::min(close, q_.size());
        pos_ = std::min(end + 1, q_.size());
        return std::string(q_.substr(open + 1, end - open - 1));
    }

    void note(std::size_t byte, std::string text) { notices_.push_back({column_of_(byte), std::move(text)}); }

    // A '+', '-' or '=' sign: followed by something other than a space, ')' or the same sign.
    bool sign_at(std::size_t p) const {
        const char c = q_[p];
        return (c == '+' || c == '-' || c == '=') && p + 1 < q_.size() && !is_space(q_[p + 1]) &&
               q_[p + 1] != ')' && q_[p + 1] != c;
    }

    Lexeme next() {
        Lexeme l;
        l.column = column_of_(pos_);
        const char c = q_[pos_];
        if (c == '(') { ++pos_; l.kind = Lex::LParen; return l; }
        if (c == ')') { ++pos_; l.kind = Lex::RParen; return l; }
        if (sign_at(pos_)) {
            // Chained signs (« +-=mot ») are skipped in a loop, not by recursion: a query of 100 000
            // signs overflowed the stack (fuzz_query). The outermost sign wins; the innermost one
            // is the one reported when no word follows.
            std::size_t innermost = pos_++;
            while (sign_at(pos_)) innermost = pos_++;
            Lexeme inner = next();
            if (inner.kind != Lex::Word && inner.kind != Lex::Phrase && inner.kind != Lex::Field) {
                if (strict_)
                    throw QueryError(std::string("'") + q_[innermost] + "' must be followed by a word, a phrase or a field",
                                     column_of_(innermost));
                note(innermost, std::string("signe « ") + q_[innermost] + " » sans mot après lui, ignoré");
                return inner;
            }
            inner.sign = c;
            inner.column = l.column;
            return inner;
        }
        if (c == '"') {
            if (auto text = quoted(pos_)) {
                l.kind = Lex::Phrase;
                l.text = std::move(*text);
                return l;
            }
            if (pos_ >= q_.size() || is_space(q_[pos_])) return skipped();
        }
        const std::size_t start = pos_;
        while (pos_ < q_.size() && !is_space(q_[pos_]) && q_[pos_] != '(' && q_[pos_] != ')' && q_[pos_] != '"') ++pos_;
        std::string word(q_.substr(start, pos_ - start));
        // field:value and field:"quoted value"
        if (const auto colon = word.find(':'); colon != std::string::npos && colon > 0) {
            const std::string name = word.substr(0, colon);
            if (std::any_of(std::begin(kFields), std::end(kFields),
                            [&](const Field& f) { return f.name == name && f.kind != FieldKind::Id; })) {
                l.kind = Lex::Field;
                l.field = name;
                l.text = word.substr(colon + 1);
                if (l.text.empty() && pos_ < q_.size() && q_[pos_] == '"') l.text = quoted(pos_).value_or("");
                if (!l.text.empty()) return l;
                if (strict_) throw QueryError("empty value for field '" + name + ":'", l.column);
                note(start, "« " + name + ": » sans valeur, lu comme un mot");
                word = name;
            }
        }
        l.text = word;  // operators keep their spelling, for notices
        if (word == "AND" || (french_ && word == "ET")) l.kind = Lex::And;
        else if (word == "OR" || (french_ && word == "OU")) l.kind = Lex::Or;
        else if (word == "NOT" || (french_ && word == "SAUF")) l.kind = Lex::Not;
        else if (word == "NEAR" || word.rfind("NEAR/", 0) == 0) {
            l.kind = Lex::Near;
            if (word.size() > 5) {
                const std::string n = word.substr(5);
                if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos || n == "0") {
                    if (strict_) throw QueryError("NEAR/n needs a window of 1–999 words, got '" + word + "'", l.column);
                    note(start, "« " + word + " » : NEAR/n veut une fenêtre de 1 à 999 mots, lu comme du texte");
                    l.kind = Lex::Word;
                    l.text = std::move(word);
                    return l;
                }
                l.near_window = static_cast<unsigned>(std::stoul(n));
            }
        } else {
            l.kind = Lex::Word;
            l.text = std::move(word);
        }
        return l;
    }

    // The next lexeme after something that was ignored (a lenient reading only).
    Lexeme skipped() {
        while (pos_ < q_.size() && is_space(q_[pos_])) ++pos_;
        if (pos_ >= q_.size()) return {Lex::End, "", "", 0, column_of_(q_.size()), 10};
        return next();
    }

    std::string_view q_;
    bool strict_;
    bool french_;  // ET / OU / SAUF are operators (the query is not all capitals)
    std::vector<QueryNotice>& notices_;
    ColumnCounter column_of_;
    std::size_t pos_ = 0;
};

}  // namespace

std::vector<Lexeme> lex_query(std::string_view query, bool strict, std::vector<QueryNotice>& notices) {
    std::vector<Lexeme> lexemes = Lexer(query, strict, notices).run();
    // skipped() may end early at the end of the text: one End, last.
    lexemes.erase(std::remove_if(lexemes.begin(), lexemes.end() - 1, [](const Lexeme& l) { return l.kind == Lex::End; }),
                  lexemes.end() - 1);
    return lexemes;
}

}  // namespace veille
