// analyzer_test.cpp — properties of the French analyzer the golden table cannot show: threads, byte
// spans, positions, the lexicon, fold().
#include "common/analysis/analyzer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "common/analysis/lexicon.hpp"
#include "common/analysis/normalizer.hpp"

using veille::Analyzer;
using veille::Lexicon;
using veille::Token;
using veille::TokenKind;

namespace {

std::string describe(const std::vector<Token>& tokens) {
    std::string out;
    for (const Token& t : tokens)
        out += t.surface + "→" + t.stem + "@" + std::to_string(t.position) + "+" + std::to_string(t.span) + " ";
    return out;
}

const Token* find(const std::vector<Token>& tokens, TokenKind kind, const std::string& folded) {
    for (const Token& t : tokens)
        if (t.kind == kind && t.folded == folded) return &t;
    return nullptr;
}

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

// A French news paragraph touching every rule: elisions with ' ’ ʼ, owners, names, compounds, numbers.
const std::string kParagraph =
    "L’IA d'OpenAI et de Mistral AI progresse : aujourd’hui, l'entreprise lʼa dit. "
    "Le modèle open-source Llama 3 tourne sur l’iPhone 16, en Wi-Fi 7 ; C++ et .NET aussi. "
    "La SÉCURITÉ des e-mails ? Sûr, elle coûte 3,5 milliards d’euros en 2025 à l'I.A. française.";

}  // namespace

TEST_CASE("analyze gives the same tokens on every thread", "[common][analysis]") {
    // Regression: word forms are memoised per thread; every thread must compute the same forms
    // (a form cached while the lexicon was being built once stemmed « OpenAI » to « open » on that
    // thread only, so indexing threads and the query thread disagreed).
    const Analyzer& analyzer = Analyzer::standard();
    const auto expected = describe(analyzer.analyze(kParagraph));
    std::vector<std::string> results(2);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i)
        threads.emplace_back([&, i] {
            std::string all;
            for (int round = 0; round < 200; ++round) all = describe(analyzer.analyze(kParagraph));
            results[i] = all;
        });
    for (auto& t : threads) t.join();
    CHECK(results[0] == expected);
    CHECK(results[1] == expected);
}

TEST_CASE("protected single-word names are never stemmed however they are written", "[common][analysis]") {
    // Regression (issue 3): Snowball turned « OpenAI » into « open », so « open source » matched
    // OpenAI stories. The form written in the data files must be protected like any other.
    const Analyzer& analyzer = Analyzer::standard();
    for (const char* text : {"OpenAI", "openai", "OPENAI", "d’OpenAI", "Nvidia", "Google", "iPhone", "Llama",
                                   "Meta"}) {
        INFO(text);
        const auto tokens = analyzer.analyze(text);
        REQUIRE(tokens.size() == 1);
        CHECK(tokens[0].stem == tokens[0].folded);
    }
    // A dotted product is also cut into its parts (« node » finds it), but the name stays whole.
    const auto node = analyzer.analyze("Node.js");
    INFO(describe(node));
    REQUIRE(find(node, TokenKind::Name, "node.js"));
    CHECK(find(node, TokenKind::Name, "node.js")->stem == "node.js");
    CHECK(find(node, TokenKind::Word, "node"));
}

TEST_CASE("a lexicon protects its names from the moment it is built", "[common][analysis]") {
    // Same regression with a lexicon of one's own (--companies FILE): the first analysis after
    // construction must already see « OpenAI » as protected.
    auto lexicon = std::make_shared<const Lexicon>("le\nla\nde\n", "l'\nd'\naujourd'hui\n",
                                                   std::vector<std::string>{"OpenAI", "Mistral AI"});
    const Analyzer analyzer(lexicon);
    const auto tokens = analyzer.analyze("OpenAI de Mistral AI");
    INFO(describe(tokens));
    REQUIRE(find(tokens, TokenKind::Word, "openai"));
    CHECK(find(tokens, TokenKind::Word, "openai")->stem == "openai");
    CHECK(find(tokens, TokenKind::Name, "mistral ai"));
    CHECK(lexicon->is_protected_word("openai"));
    CHECK(lexicon->is_elision("l"));
    CHECK(lexicon->owns_apostrophe("aujourd'hui"));
    CHECK(lexicon->is_stopword("la"));
}

TEST_CASE("byte spans point at the surface in the original text", "[common][analysis]") {
    const Analyzer& analyzer = Analyzer::standard();
    SECTION("every token of a paragraph") {
        for (const Token& t : analyzer.analyze(kParagraph)) {
            INFO(t.surface);
            REQUIRE(t.begin < t.end);
            REQUIRE(t.end <= kParagraph.size());
            CHECK(kParagraph.substr(t.begin, t.end - t.begin) == t.surface);
        }
    }
    SECTION("after an elision with ’, ' and ʼ") {
        const std::string text = "l’entreprise d'OpenAI lʼIA";
        const auto tokens = analyzer.analyze(text);
        REQUIRE(tokens.size() == 3);
        CHECK(tokens[0].surface == "entreprise");
        CHECK(tokens[0].begin == 4);  // « l » + 3 bytes of ’
        CHECK(tokens[0].end == 14);
        CHECK(tokens[1].surface == "OpenAI");
        CHECK(tokens[1].begin == 17);
        CHECK(tokens[2].surface == "IA");
        CHECK(tokens[2].begin == 27);  // « l » + 2 bytes of ʼ
        CHECK(tokens[2].end == text.size());
    }
    SECTION("accented words and owned apostrophes") {
        const std::string text = "Sécurité : aujourd’hui";
        const auto tokens = analyzer.analyze(text);
        REQUIRE(tokens.size() == 2);
        CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Sécurité");
        CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "aujourd’hui");
        // « quelqu’ » and « presqu’ » are elisions, yet « quelqu’un » and « presqu’île » own theirs.
        const std::string owners = "Quelqu’un l’a vu sur la presqu’île, presqu’à l’aube, lorsqu’elle passait.";
        std::vector<std::string> words;
        for (const Token& t : analyzer.analyze(owners)) words.push_back(owners.substr(t.begin, t.end - t.begin));
        CHECK(words == std::vector<std::string>{"Quelqu’un", "a", "vu", "sur", "la", "presqu’île", "à", "aube", "elle",
                                                "passait"});
    }
    SECTION("compounds and names cover all their parts, symbols included") {
        const std::string text = "l’open-source de Mistral AI en C++ et .NET";
        const auto tokens = analyzer.analyze(text);
        INFO(describe(tokens));
        const Token* compound = find(tokens, TokenKind::Compound, "opensource");
        REQUIRE(compound);
        CHECK(compound->surface == "open-source");
        CHECK(text.substr(compound->begin, compound->end - compound->begin) == "open-source");
        const Token* mistral = find(tokens, TokenKind::Name, "mistral ai");
        REQUIRE(mistral);
        CHECK(text.substr(mistral->begin, mistral->end - mistral->begin) == "Mistral AI");
        const Token* cpp = find(tokens, TokenKind::Name, "c++");
        REQUIRE(cpp);
        CHECK(text.substr(cpp->begin, cpp->end - cpp->begin) == "C++");
        const Token* net = find(tokens, TokenKind::Name, ".net");
        REQUIRE(net);
        CHECK(text.substr(net->begin, net->end - net->begin) == ".NET");
    }
}

TEST_CASE("word positions are consecutive and compounds and names take their first part's position", "[common][analysis]") {
    const Analyzer& analyzer = Analyzer::standard();
    const auto tokens = analyzer.analyze(kParagraph);
    INFO(describe(tokens));
    std::uint32_t last = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        INFO(t.surface);
        if (is_word(t)) {
            CHECK(t.position == ++last);
            CHECK(t.span == 1);
            continue;
        }
        // The first part is the word at the same position, and the parts are the next `span` words.
        std::vector<const Token*> parts;
        for (const Token& w : tokens)
            if (is_word(w) && w.position >= t.position && w.position < t.position + t.span) parts.push_back(&w);
        REQUIRE(parts.size() == t.span);
        CHECK(parts.front()->begin <= t.begin + 1);  // « .NET »: the name starts at the dot
        CHECK(parts.back()->end <= t.end);
    }
    const Token* llama = find(tokens, TokenKind::Name, "llama 3");
    REQUIRE(llama);
    CHECK(llama->span == 2);
    const Token* wifi = find(tokens, TokenKind::Name, "wi-fi 7");
    REQUIRE(wifi);
    CHECK(wifi->span == 3);
    const Token* emails = find(tokens, TokenKind::Compound, "emails");
    REQUIRE(emails);
    CHECK(emails->span == 2);
    CHECK(emails->stem == "email");
}

TEST_CASE("query text and document text give the same stems at consecutive positions", "[common][analysis]") {
    // Phrases only match when both sides agree: « "open source" » must meet « l'open-source » and
    // « "mistral ai" » must meet « de Mistral AI ». Stop words count: phrases keep them.
    const Analyzer& analyzer = Analyzer::standard();
    struct Pair {
        const char* query;
        const char* document;
    };
    for (const Pair p : {Pair{"open source", "le modèle l'open-source publié"},
                         Pair{"mistral ai", "la start-up Mistral AI lève"},
                         Pair{"securite des donnees", "la SÉCURITÉ des Données"},
                         Pair{"llama 3", "Llama 3 de Meta"}, Pair{"openai", "d’OpenAI"},
                         Pair{"e mail", "les e-mails"}, Pair{"ia generative", "l’I.A. générative"}}) {
        INFO(p.query << " | " << p.document);
        std::vector<std::string> query_stems;
        for (const Token& t : analyzer.analyze(p.query))
            if (is_word(t)) query_stems.push_back(t.stem);
        std::vector<Token> doc;
        for (const Token& t : analyzer.analyze(p.document))
            if (is_word(t)) doc.push_back(t);
        INFO(describe(doc));
        bool found = false;
        for (std::size_t i = 0; i + query_stems.size() <= doc.size() && !found; ++i) {
            found = true;
            for (std::size_t k = 0; k < query_stems.size() && found; ++k)
                found = doc[i + k].stem == query_stems[k] && doc[i + k].position == doc[i].position + k;
        }
        CHECK(found);
    }
}

TEST_CASE("stop words are decided on the accented form", "[common][analysis]") {
    const Analyzer& analyzer = Analyzer::standard();
    const auto tokens = analyzer.analyze("sur sûr où ou là la thé");
    REQUIRE(tokens.size() == 7);
    CHECK(tokens[0].stopword);   // sur
    CHECK(!tokens[1].stopword);  // sûr
    CHECK(tokens[1].exact == "sûr");
    CHECK(tokens[1].folded == "sur");
    CHECK(tokens[2].stopword);  // où
    CHECK(tokens[3].stopword);  // ou
    CHECK(tokens[4].stopword);  // là
    CHECK(tokens[5].stopword);  // la
    CHECK(!tokens[6].stopword);
    CHECK(tokens[6].exact == "thé");
    CHECK(tokens[6].folded == "the");
}

TEST_CASE("invalid UTF-8 and control characters and emoji never give broken terms", "[common][analysis]") {
    const Analyzer& analyzer = Analyzer::standard();
    for (const std::string& text :
         {std::string("s\xe9" "curit\xe9 \xff\xfe l'\xc3"), std::string("caf\xc3\xa9\x00\x01l\xe2\x80\x99IA", 14),
          std::string("\xed\xa0\x80\xc0\xaf\xf4\x90\x80\x80 d\xe2\x80"), std::string("🚀👩‍💻🇫🇷 L’IA ✨"),
          std::string(1000, '\'') + "l'" + std::string(500, '-')}) {
        const auto tokens = analyzer.analyze(text);
        for (const Token& t : tokens) {
            INFO(t.surface);
            CHECK(valid_utf8(t.exact));
            CHECK(valid_utf8(t.folded));
            CHECK(valid_utf8(t.stem));
            CHECK(!t.folded.empty());
            CHECK(t.end <= text.size());
        }
    }
}

TEST_CASE("fold gives the folded form of short values", "[common][analysis]") {
    const Analyzer& analyzer = Analyzer::standard();
    CHECK(analyzer.fold("Cybersécurité") == "cybersecurite");
    CHECK(analyzer.fold("  Mistral   AI ") == "mistral ai");
    CHECK(analyzer.fold("Électricité de France") == "electricite de france");
    CHECK(analyzer.fold("Œuvres") == "oeuvres");
    CHECK(analyzer.fold("L’Oréal") == "l'oreal");
    CHECK(analyzer.fold("") == "");
}

TEST_CASE("the quick Latin letter fold agrees with ICU on every two-byte Latin letter", "[common][analysis]") {
    std::vector<char32_t> letters = {U'Œ', U'œ', U'Ÿ'};
    for (char32_t c = 0xC0; c <= 0xFF; ++c) letters.push_back(c);
    int folded_quickly = 0;
    for (const char32_t c : letters) {
        std::string utf8;
        utf8 += static_cast<char>(0xC0 | (c >> 6));
        utf8 += static_cast<char>(0x80 | (c & 0x3F));
        const std::string text = "x" + utf8 + "y";  // a letter inside a word, as scans meet it
        const std::string_view quick = veille::fold_latin_letter(text, 1);
        const std::string icu = veille::fold_accents(veille::normalize_exact(utf8));
        INFO("U+" << std::hex << static_cast<unsigned>(c) << " « " << utf8 << " » → ICU « " << icu << " »");
        if (quick.empty()) {
            // Left to ICU: its fold is not plain ASCII letters (ø, ð, þ) or not a letter (×, ÷).
            const bool ascii_letters = !icu.empty() && std::all_of(icu.begin(), icu.end(), [](char ch) {
                return ch >= 'a' && ch <= 'z';
            });
            CHECK_FALSE(ascii_letters);
        } else {
            CHECK(quick == icu);
            ++folded_quickly;
        }
    }
    CHECK(folded_quickly == 59);  // all but Ð Ø Þ ð ø þ × ÷
    CHECK(veille::fold_latin_letter("é", 1).empty());  // not at a letter's first byte
    CHECK(veille::fold_latin_letter("\xC3", 0).empty());  // cut letter
    CHECK(veille::fold_latin_letter("ø", 0).empty());
}
