// story_signature.cpp — word-pair shingles, MinHash, b-bit storage.
//
// Why MinHash over word pairs, and why these numbers (issue 18, « one story once »):
// - Outlets retell a story in their own words. Over the bundled corpus (tests/data/story_pairs.tsv),
//   the estimated word-pair Jaccard similarity of two retellings of one event is 0.078–0.25, of
//   different stories published within three days at most 0.059 (DeepSeek's market crash and its
//   Italian ban, Choose France's two pledges), and of unrelated articles near 0. Pairs of stems
//   keep enough word order to tell a retelling from a story that only shares its vocabulary;
//   single words do not (with a crude stemmer: 0.27–0.48 for retellings, up to 0.29 for different
//   stories). kStoryMinJaccard sits between the two, from this same table: its figures flatter it.
// - Numbers and weekday or month names are left out of the pairs: every article of a day has
//   « mardi 9 », « 9 septembre », and in short texts they made unrelated news look alike. For the
//   same reason two articles must share about kStoryMinSharedPairs pairs, not only a share: two
//   25-pair summaries at 0.1 share four pairs, one name and « premier ministre ».
// - MinHash estimates that Jaccard similarity (standard error 0.016 at 0.07 with 256 values).
//   SimHash estimates a cosine and is made for near-copies (a few bits of 64 apart); paraphrases
//   are far beyond its reach.
// - Values are stored on 8 bits (b-bit minwise hashing, Li & König 2010): two different minima
//   agree by chance once in 256, which the estimate corrects for; its standard error at 0.07 stays
//   0.016, and the values take 256 bytes of the slot's 266. 16 bits took 512: a third more on disk
//   for 30,000 news summaries (44 → 59 MB), for the same pairs decided the same way.
// - One outlet's articles are never one story: on the news set, 18 of the 43 pairs of one outlet
//   that the rest of the rule joined were a programme's template (« Cette chronique est à voir ou
//   écouter du lundi au jeudi dans Tech&Co… ») around different news; of the 24 pairs of two
//   outlets, 2 were different events. The slot holds the day and a hash of the outlet, so that a
//   search decides from this one value per result.
// - The signature is the article's own: no other article is looked up when it is written, so adding,
//   replacing or deleting an article never touches another, and shards need nothing in common.
//   Retellings are found among a search's results (searcher/match/stories.hpp).
// - Deterministic: fixed seeds, FNV-1a, a SplitMix64 finaliser and fixed affine maps, no std::hash
//   (which may differ between builds), no randomness.
#include "common/story/story_signature.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "common/text/fnv1a.hpp"

namespace veille {

namespace {

std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// A word pair's hash; 0x1f separates the two stems (no stem holds it).
std::uint64_t pair_hash(std::string_view a, std::string_view b) {
    return Fnv1a(kStoredHashBasis).add(a).add_byte(0x1f).add(b).value();
}

// The kStoryHashes hash functions: h_i(x) = a_i·x + b_i (mod 2^64), a_i odd, over x = mix64(pair):
// one multiply-add per pair and function, which the compiler vectorises (mix64 for each of the 256
// functions was 5 times slower on long articles).
struct Family {
    std::vector<std::uint64_t> a, b;
};

const Family& family() {
    static const Family f = [] {
        Family out;
        std::uint64_t state = 0x5645494c4c45ULL;  // "VEILLE"
        for (std::size_t i = 0; i < kStoryHashes; ++i) {
            out.a.push_back(mix64(state += 0x9e3779b97f4a7c15ULL) | 1);
            out.b.push_back(mix64(state += 0x9e3779b97f4a7c15ULL));
        }
        return out;
    }();
    return f;
}

// Days and months: every article of a day names them (« mardi 9 septembre »), and in short texts
// those pairs alone made unrelated news of one day look alike (30,000 news summaries: the Prime
// Minister's appointment joined a Thai court ruling). Compared on the folded form.
bool date_word(std::string_view folded) {
    static constexpr std::string_view kWords[] = {
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "fevrier", "mars",
        "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"};
    for (const std::string_view w : kWords)
        if (folded == w) return true;
    return false;
}

// Stems of the words in text order: compounds and names repeat their parts' positions, and stop
// words are not indexed either (schema.hpp), so neither makes pairs; numbers (dates, hours, amounts
// in any unit) and date words say when, not what.
std::vector<std::string_view> words(const std::vector<Token>& tokens) {
    std::vector<std::string_view> out;
    for (const Token& t : tokens)
        if (t.kind == TokenKind::Word && !t.stopword && !t.stem.empty() && !date_word(t.folded)) out.push_back(t.stem);
    return out;
}

void add_pairs(const std::vector<Token>& tokens, std::vector<std::uint64_t>& shingles) {
    const auto w = words(tokens);
    for (std::size_t i = 1; i < w.size(); ++i) shingles.push_back(pair_hash(w[i - 1], w[i]));
}

// The outlet as 32 bits, 0 for none: the rule only compares outlets for equality, and two sources
// whose hashes collide (one pair in four billion) merely keep their tellings apart.
std::uint32_t outlet_hash(std::string_view source) {
    if (source.empty()) return 0;
    const auto h = static_cast<std::uint32_t>(mix64(Fnv1a(kStoredHashBasis).add(source).add_byte(0x1f).value()));
    return h == 0 ? 1 : h;
}

void put32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

}  // namespace

std::optional<StorySignature> story_signature(const Article& article, const std::vector<Token>& title,
                                             const std::vector<Token>& body) {
    if (!article.date || article.date->day == 0) return std::nullopt;
    // Title and body apart: no pair spans the two.
    std::vector<std::uint64_t> shingles;
    add_pairs(title, shingles);
    add_pairs(body, shingles);
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
    if (shingles.size() < kStoryMinShingles) return std::nullopt;
    const Family& f = family();
    std::vector<std::uint64_t> least(kStoryHashes, std::numeric_limits<std::uint64_t>::max());
    for (const std::uint64_t sh : shingles) {
        const std::uint64_t x = mix64(sh);
        for (std::size_t i = 0; i < kStoryHashes; ++i) least[i] = std::min(least[i], f.a[i] * x + f.b[i]);
    }
    // The low bits of an affine map's output are poorly mixed: each minimum is hashed once more
    // before its low 8 bits are kept.
    StorySignature sig;
    sig.values.resize(kStoryHashes);
    for (std::size_t i = 0; i < kStoryHashes; ++i) sig.values[i] = static_cast<std::uint8_t>(mix64(least[i]));
    sig.pairs = static_cast<std::uint16_t>(std::min<std::size_t>(shingles.size(), 65535));
    sig.day = static_cast<std::int32_t>(article.date->days_since_epoch());
    sig.outlet = outlet_hash(article.source);
    return sig;
}

std::string StorySignature::encode() const {
    std::string out;
    out.reserve(values.size() + 10);
    out += static_cast<char>(pairs >> 8);
    out += static_cast<char>(pairs & 0xff);
    put32(out, static_cast<std::uint32_t>(day));
    put32(out, outlet);
    for (const std::uint8_t v : values) out += static_cast<char>(v);
    return out;
}

std::optional<StorySignature> StorySignature::decode(std::string_view stored) {
    if (stored.size() != kStoryHashes + 10) return std::nullopt;
    const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(stored[i])); };
    const auto word = [&](std::size_t i) { return byte(i) << 24 | byte(i + 1) << 16 | byte(i + 2) << 8 | byte(i + 3); };
    StorySignature sig;
    sig.pairs = static_cast<std::uint16_t>(byte(0) << 8 | byte(1));
    sig.day = static_cast<std::int32_t>(word(2));
    sig.outlet = word(6);
    sig.values.resize(kStoryHashes);
    for (std::size_t i = 0; i < kStoryHashes; ++i) sig.values[i] = static_cast<std::uint8_t>(byte(10 + i));
    return sig;
}

double estimated_jaccard(const StorySignature& a, const StorySignature& b) {
    const std::size_t n = std::min(a.values.size(), b.values.size());
    if (n == 0) return 0;
    std::size_t equal = 0;
    for (std::size_t i = 0; i < n; ++i) equal += a.values[i] == b.values[i];
    // Different minima share their low 8 bits once in 256: P(equal) = J + (1 − J) / 256.
    constexpr double kChance = 1.0 / 256;
    const double share = static_cast<double>(equal) / static_cast<double>(n);
    return std::max(0.0, (share - kChance) / (1 - kChance));
}

double estimated_shared_pairs(const StorySignature& a, const StorySignature& b) {
    const double j = estimated_jaccard(a, b);
    return j / (1 + j) * (static_cast<double>(a.pairs) + static_cast<double>(b.pairs));
}

bool same_story(const StorySignature& a, const StorySignature& b) {
    if (a.outlet != 0 && a.outlet == b.outlet) return false;
    const long apart = std::labs(static_cast<long>(a.day) - static_cast<long>(b.day));
    return apart <= kStoryWindowDays && estimated_jaccard(a, b) >= kStoryMinJaccard &&
           estimated_shared_pairs(a, b) >= kStoryMinSharedPairs;
}

}  // namespace veille
