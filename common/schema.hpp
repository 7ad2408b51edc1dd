// schema.hpp — the one table of fields, term prefixes and value slots shared by index and search.
#pragma once
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace veille {

class Analyzer;

/// How a field is stored and queried.
enum class FieldKind {
    Id,    ///< unique id term Q<id>, one per document; not a query field
    Text,  ///< analysed text: title: searches the ZS stems (body and title share the Z, E and plain terms)
    Term,  ///< boolean filter terms, prefix + folded value: company:openai → XCopenai
    Date,  ///< sortable value slot (YYYYMMDD) + XY<year> / XM<YYYYMM> filter terms
};

/// One field of the schema.
struct Field {
    std::string_view name;    ///< as typed in queries: "company"
    std::string_view prefix;  ///< Xapian term prefix: "XC" ("" when the field has no terms of its own)
    Xapian::valueno slot;     ///< value slot, or Xapian::BAD_VALUENO
    FieldKind kind;
    /// Value slot counted as a facet (values joined by join_values()), or Xapian::BAD_VALUENO.
    Xapian::valueno facet_slot = Xapian::BAD_VALUENO;
    bool chronological = false;  ///< the facet lists the newest values first, not the most frequent
};

/// Bumped whenever terms or slots change meaning; stored in the database and checked on open.
/// 2: stop words are no longer indexed (1 gave them positional stems for phrases).
/// 3: a title's words count kTitleWdf times in their stem term (2 counted them once), and the
///    article's record is in slot::kRecord (2 had it in the document data, which is still read).
/// 4: the story signature in slot::kStorySignature (an article without one is never folded into
///    another's story: it is shown on its own until indexed again).
inline constexpr int kSchemaVersion = 4;
/// The oldest version this veille still reads and writes into: a version-1 article only has more
/// terms (its stop words), which no query of version 2 asks for, and an article of version 1 or 2 only
/// lacks the title emphasis until it is indexed again (the content hash holds the schema version, so
/// the next run over the same files re-indexes it). Writing into such a database marks it with the
/// current version, so that an older veille refuses it.
inline constexpr int kOldestSchemaVersion = 1;
/// Metadata key holding kSchemaVersion.
inline constexpr std::string_view kSchemaKey = "veille:schema";

/// The table. Slots and prefixes are on disk: changing one means a new kSchemaVersion.
inline constexpr Field kFields[] = {
    {"id", "Q", 6, FieldKind::Id},                 // slot: the id again, the last tie-break of equal scores
    {"title", "ZS", Xapian::BAD_VALUENO, FieldKind::Text},
    {"company", "XC", 1, FieldKind::Term, 1},      // slot: canonical names joined by '\n'
    {"topic", "XT", 2, FieldKind::Term, 2},        // slot: display names joined by '\n'
    {"source", "XSRC", 5, FieldKind::Term},        // slot: source display name
    {"date", "", 0, FieldKind::Date, 3, true},     // slot: "YYYYMMDD" (00 for unknown parts); facet: "YYYY-MM"
};

namespace detail {
/// The row called `name`, at compile time (an unknown name does not compile).
consteval const Field& schema_field(std::string_view name) {
    for (const Field& f : kFields)
        if (f.name == name) return f;
    throw "no such field in kFields";
}
consteval std::size_t facet_count() {
    std::size_t n = 0;
    for (const Field& f : kFields) n += f.facet_slot != Xapian::BAD_VALUENO;
    return n;
}
}  // namespace detail

/// The fields counted as a search's facets, in table order: company, topic, date.
inline constexpr auto kFacetFields = [] {
    std::array<const Field*, detail::facet_count()> out{};
    std::size_t i = 0;
    for (const Field& f : kFields)
        if (f.facet_slot != Xapian::BAD_VALUENO) out[i++] = &f;
    return out;
}();

/// How many times a title's word counts in its stem term (Z), the one that ranks: the title weighs
/// inside the words' BM25 score, as BM25F does (Robertson, Zaragoza & Taylor 2004), instead of as a
/// separately saturated score (the ZS terms scaled by --title-weight), which ranked a page whose title
/// merely shared a word above the page holding the words. eval on the docs sets, MRR: title score
/// 0.25 → 0.8637, no title emphasis → 0.8917, this with no title score → 0.8904 (2×: 0.8915, 5×:
/// 0.8901; the forms counted 3× too: 0.8901 and PIAF 0.0005 lower); PIAF and the corpus unchanged.
inline constexpr Xapian::termcount kTitleWdf = 3;

/// Term prefixes of analysed text (body and title share the same unprefixed space; title also gets ZS).
namespace prefix {
inline constexpr std::string_view kId = detail::schema_field("id").prefix;  ///< Q<id>
inline constexpr std::string_view kStem = "Z";        ///< Z<stem of folded word>, with positions
/// <folded word>, only when it differs from the exact form (« sécurité » → securite): a plain word's
/// folded form is its E term, one term less per word to write. Prefix search and did-you-mean read both.
inline constexpr std::string_view kFolded = "";
inline constexpr std::string_view kExact = "E";       ///< E<exact word>, accents kept: exact search (=thé, =the)
/// ZS<stem>, with positions: title boost and title:.
inline constexpr std::string_view kTitleStem = detail::schema_field("title").prefix;
inline constexpr std::string_view kMonth = "XM";      ///< XM<YYYYMM>
inline constexpr std::string_view kYear = "XY";       ///< XY<YYYY>
}  // namespace prefix

/// Value slots, from the table where a field owns them.
namespace slot {
inline constexpr Xapian::valueno kDate = detail::schema_field("date").slot;               ///< "YYYYMMDD"
inline constexpr Xapian::valueno kCompanies = detail::schema_field("company").facet_slot; ///< joined names
inline constexpr Xapian::valueno kTopics = detail::schema_field("topic").facet_slot;      ///< joined names
inline constexpr Xapian::valueno kMonth = detail::schema_field("date").facet_slot;         ///< "YYYY-MM"
inline constexpr Xapian::valueno kHash = 4;      ///< content hash: unchanged articles are skipped
inline constexpr Xapian::valueno kSource = detail::schema_field("source").slot;  ///< source display name
inline constexpr Xapian::valueno kId = detail::schema_field("id").slot;          ///< article id (tie-break)
/// The article's body, LZ4-compressed (store_article): outside the document data, which Xapian
/// compresses with zlib at a tenth of LZ4's speed (8% of indexing time).
inline constexpr Xapian::valueno kBody = 7;
/// The article's record without its body (store_article). Not the document data either: Xapian
/// deflates every document data it writes, with a fresh zlib state each time, which cost 10% of
/// the indexer's CPU on 30,000 news summaries; value slots are stored as they are.
inline constexpr Xapian::valueno kRecord = 8;
/// The story signature: the low 8 bits of kStoryHashes minimum hashes (common/story/story_signature.hpp), for
/// articles dated to the day; a search folds the retellings among its results with it.
inline constexpr Xapian::valueno kStorySignature = 9;
}  // namespace slot

/// The field called `name`; throws UsageError listing the valid names.
const Field& field(std::string_view name);
/// All fields, for help texts and loops.
std::span<const Field> fields();

/// The id term of an article: Q<id>.
std::string id_term(std::string_view id);
/// The filter term of a facet/filter value (company, topic, source): prefix + folded value.
std::string filter_term(const Field& field, std::string_view value, const Analyzer& analyzer);

/// Multi-valued facet values as one slot value: {"OpenAI", "Mistral AI"} → "OpenAI\nMistral AI".
std::string join_values(const std::vector<std::string>& values);
/// The values of a join_values() slot, as views into `joined`; empty values are skipped.
std::vector<std::string_view> split_values(std::string_view joined);

/// Writes the schema version into a new database, or checks it on an existing one (and marks an
/// older readable one as this version); throws DatabaseError naming `path` when it cannot be used.
void check_schema(Xapian::WritableDatabase& db, const std::string& path);
/// Checks the schema version of a database opened for reading (an empty database passes).
void check_schema(const Xapian::Database& db, const std::string& path);

}  // namespace veille
