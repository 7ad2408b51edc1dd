// query_lexer.cpp — a hand-written scanner: the query language is small, and its errors must name
// the column where they are.
#include "searcher/query_lexer.hpp"

#include <algorithm>

#include "common/analysis/analyzer.hpp"
#include "common/error.hpp"
#include "common/schema.hpp"

namespace veille {

namespace {

std::size_t column_of(std::string_view q, std::size_t byte) {
    std::size_t col = 1;
    for (std::size_t i = 0; i < byte && i < q.size(); ++i)
        if ((static_cast<unsigned char>(q[i]) & 0xC0) != 0x80) ++col;
    return col;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

// Natural-language questions use « et » / « ou » as words, not operators: « quelle différence entre
// Llama 3 et GPT-4o » must not become a hard AND of its two halves.
bool reads_as_question(std::string_view q, const Analyzer& analyzer) {
    static const char* kInterrogatives[] = {"qui", "que", "quoi", "quel", "quelle", "quels", "quelles",
                                            "quand", "comment", "combien", "pourquoi", "ou", "lequel",
                                            "laquelle", "lesquels", "lesquelles", "est-ce", "qu"};
    std::size_t end = q.size();
    while (end > 0 && is_space(q[end - 1])) --end;
    if (end > 0 && q[end - 1] == '?') return true;
    std::size_t i = 0;
    while (i < q.size() && is_space(q[i])) ++i;
    std::size_t j = i;
    while (j < q.size() && !is_space(q[j]) && q[j] != '\'' && static_cast<unsigned char>(q[j]) != 0xE2) ++j;
    const std::string first = analyzer.fold(q.substr(i, j - i));
    return std::any_of(std::begin(kInterrogatives), std::end(kInterrogatives),
                       [&](const char* w) { return first == w; });
}

namespace {

class Lexer {
public:
    Lexer(std::string_view q, bool french_operators) : q_(q), french_(french_operators) {}

    std::vector<Lexeme> run() {
        std::vector<Lexeme> out;
        while (true) {
            while (pos_ < q_.size() && is_space(q_[pos_])) ++pos_;
            if (pos_ >= q_.size()) break;
            out.push_back(next());
        }
        out.push_back({Lex::End, "", "", 0, column_of(q_, q_.size()), 10});
        return out;
    }

private:
    std::string quoted(std::size_t open) {
        // An unclosed quote runs to the end of the query, as in Xapian's QueryParser: people paste
        // text with stray quotes, and a phrase to the end is what they most likely meant.
        const std::size_t close = std::min(q_.find('"', open + 1), q_.size());
        pos_ = std::min(close + 1, q_.size());
        return std::string(q_.substr(open + 1, close - open - 1));
    }

    // A '+', '-' or '=' sign: followed by something other than a space, ')' or the same sign.
    bool sign_at(std::size_t p) const {
        const char c = q_[p];
        return (c == '+' || c == '-' || c == '=') && p + 1 < q_.size() && !is_space(q_[p + 1]) &&
               q_[p + 1] != ')' && q_[p + 1] != c;
    }

    Lexeme next() {
        Lexeme l;
        l.column = column_of(q_, pos_);
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
            if (inner.kind != Lex::Word && inner.kind != Lex::Phrase && inner.kind != Lex::Field)
                throw QueryError(std::string("'") + q_[innermost] + "' must be followed by a word, a phrase or a field",
                                 column_of(q_, innermost));
            inner.sign = c;
            inner.column = l.column;
            return inner;
        }
        if (c == '"') {
            l.kind = Lex::Phrase;
            l.text = quoted(pos_);
            return l;
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
                if (l.text.empty() && pos_ < q_.size() && q_[pos_] == '"') l.text = quoted(pos_);
                if (l.text.empty()) throw QueryError("empty value for field '" + name + ":'", l.column);
                return l;
            }
        }
        if (word == "AND" || (french_ && word == "et")) l.kind = Lex::And;
        else if (word == "OR" || (french_ && word == "ou")) l.kind = Lex::Or;
        else if (word == "NOT" || (french_ && word == "sauf")) l.kind = Lex::Not;
        else if (word == "NEAR" || word.rfind("NEAR/", 0) == 0) {
            l.kind = Lex::Near;
            if (word.size() > 5) {
                const std::string n = word.substr(5);
                if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos || n == "0")
                    throw QueryError("NEAR/n needs a window of 1–999 words, got '" + word + "'", l.column);
                l.near_window = static_cast<unsigned>(std::stoul(n));
            }
        } else {
            l.kind = Lex::Word;
            l.text = std::move(word);
        }
        return l;
    }

    std::string_view q_;
    bool french_;
    std::size_t pos_ = 0;
};

}  // namespace

std::vector<Lexeme> lex_query(std::string_view query, bool french_operators) {
    return Lexer(query, french_operators).run();
}

}  // namespace veille
