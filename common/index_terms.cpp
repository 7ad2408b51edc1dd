// index_terms.cpp — one rule, two callers: the indexer writes these terms and --analyze shows them,
// so what a user reads there is what the database holds (issue 16).
#include "common/index_terms.hpp"

#include "common/schema.hpp"

namespace veille {

namespace {

// Calls emit(prefix, word, positional) for each term of `t`. Words get a positional stem (matching,
// phrases), plus the exact form and, when accents make it differ, the folded form, without positions
// (exact search, prefix search, did-you-mean). Stop words get nothing but keep their position, so
// that phrases measure the gap they leave (schema.hpp). Compounds and names are single terms at no
// position of their own.
template <typename Emit>
void for_each_term(const Token& t, TextField field, Emit&& emit) {
    const bool word = t.kind == TokenKind::Word || t.kind == TokenKind::Number;
    if (word && t.stopword) return;
    const auto put = [&](std::string_view prefix, const std::string& form, bool positional) {
        if (form.empty() || prefix.size() + form.size() > kMaxTermBytes) return;
        emit(prefix, form, positional);
    };
    put(prefix::kStem, t.stem, word);
    if (field == TextField::Title) put(prefix::kTitleStem, t.stem, word);
    put(prefix::kExact, t.exact, false);
    if (t.folded != t.exact) put(prefix::kFolded, t.folded, false);
}

}  // namespace

void add_index_terms(Xapian::Document& doc, const std::vector<Token>& tokens, Xapian::termpos offset,
                     TextField field) {
    // Terms are spelt in one reused buffer: a string built per token cost an allocation for every
    // word longer than the short-string buffer.
    thread_local std::string term;
    const Xapian::termcount body_wdf = field == TextField::Title ? kTitleWdf : 1;
    for (const Token& t : tokens) {
        for_each_term(t, field, [&](std::string_view prefix, const std::string& form, bool positional) {
            term.assign(prefix);
            term += form;
            // Only the stem, which ranks, counts the title's words more: the forms (=mot, mot*, the
            // form boost) and the title's own space (title:) count each word once.
            const Xapian::termcount wdf = prefix == prefix::kStem ? body_wdf : 1;
            if (positional)
                doc.add_posting(term, offset + t.position, wdf);
            else
                doc.add_term(term, wdf);
        });
    }
}

std::vector<std::string> index_terms(const Token& token, TextField field) {
    std::vector<std::string> out;
    for_each_term(token, field, [&](std::string_view prefix, const std::string& form, bool) {
        out.push_back(std::string(prefix) + form);
    });
    return out;
}

}  // namespace veille
