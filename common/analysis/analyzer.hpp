// analyzer.hpp — the one French analysis pipeline: text → tokens with exact, folded and stemmed forms.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace veille {

class Lexicon;

/// Raised whenever the same text gives other tokens (2: « Node.js » is node, js and nodejs), so that
/// the next indexing rewrites every article it is given instead of keeping its old terms.
inline constexpr int kAnalysisVersion = 2;

/// What a token stands for.
enum class TokenKind {
    Word,      ///< an ordinary word (letters, possibly with an owned apostrophe: aujourd'hui)
    Number,    ///< contains a digit: 2025, 3,5, 4o
    Compound,  ///< a hyphenated compound (open-source); shares its first part's position
    Name,      ///< a protected name from the lexicon (Mistral AI, Llama 3, C++); shares its first part's position
};

/// One analysed token. Positions count words (Word/Number); a Compound or Name spans several.
struct Token {
    std::string surface;     ///< as written in the text (elided article removed): « OpenAI » for « d’OpenAI »
    std::string exact;       ///< NFKC, case-folded, accents kept: « sécurités »
    std::string folded;      ///< accents and ligatures folded: « securites »; names keep their spaces: « llama 3 »
    std::string stem;        ///< Snowball French stem of `folded`; == folded for numbers, names and protected words
    std::uint32_t position;  ///< 1-based word position
    std::uint32_t span = 1;  ///< number of word positions covered (compounds and names)
    std::size_t begin = 0;   ///< byte offset of the surface in the analysed text
    std::size_t end = 0;     ///< byte offset one past the surface
    TokenKind kind = TokenKind::Word;
    bool stopword = false;   ///< a French stop word, decided on the accented form (« sûr » is not, « sur » is)
};

/// A word or a number, not a compound or a name: one word position of its own.
inline bool is_word(const Token& t) { return t.kind == TokenKind::Word || t.kind == TokenKind::Number; }

/// The analyzer. Thread-safe: ICU objects are kept per thread.
class Analyzer {
public:
    /// An analyzer over the compiled-in lexicon (stop words, elisions, protected names).
    static const Analyzer& standard();

    explicit Analyzer(std::shared_ptr<const Lexicon> lexicon);

    /// Analyses UTF-8 text (invalid bytes are treated as U+FFFD and never produce tokens).
    /// « L’IA d'OpenAI » → {ia@1, openai@2}; « open-source » → {open@1, source@2, opensource@1 (Compound)};
    /// « Node.js » → {node@1, js@2, nodejs@1 (Compound)}, and « TCP/IP » likewise; « 3.5 » stays one number.
    [[nodiscard]] std::vector<Token> analyze(std::string_view text) const;

    /// The folded form of a short value (company, topic, source names, field values): « Cybersécurité » → « cybersecurite ».
    [[nodiscard]] std::string fold(std::string_view text) const;

    /// The lexicon this analyzer uses.
    [[nodiscard]] const Lexicon& lexicon() const { return *lexicon_; }

private:
    std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace veille
