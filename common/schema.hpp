// schema.hpp — the one table of fields, term prefixes and value slots shared by index and search.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace veille {

class Analyzer;

/// How a field is stored and queried.
enum class FieldKind {
    Id,      ///< unique id term, one per document
    Text,    ///< analysed text with positions
    Facet,   ///< boolean filter terms + a multi-valued value slot for counting
    Filter,  ///< boolean filter terms only
    Date,    ///< sortable value slot (YYYYMMDD) + month/year filter terms
};

/// One field of the schema.
struct Field {
    std::string_view name;    ///< as typed in queries: "company"
    std::string_view prefix;  ///< Xapian term prefix: "XC"
    Xapian::valueno slot;     ///< value slot, or Xapian::BAD_VALUENO
    FieldKind kind;
};

/// Bumped whenever terms or slots change meaning; stored in the database and checked on open.
/// 2: stop words are no longer indexed (1 gave them positional stems for phrases).
inline constexpr int kSchemaVersion = 2;
/// The oldest version this veille still reads and writes into: a version-1 article only has more
/// terms (its stop words), which no query of version 2 asks for. Writing into such a database marks
/// it version 2, so that an older veille, whose phrases need those terms, refuses it.
inline constexpr int kOldestSchemaVersion = 1;
/// Metadata key holding kSchemaVersion.
inline constexpr std::string_view kSchemaKey = "veille:schema";

inline constexpr Field kFields[] = {
    {"id", "Q", Xapian::BAD_VALUENO, FieldKind::Id},
    {"title", "S", Xapian::BAD_VALUENO, FieldKind::Text},
    {"company", "XC", 1, FieldKind::Facet},
    {"topic", "XT", 2, FieldKind::Facet},
    {"source", "XSRC", 5, FieldKind::Filter},
    {"date", "D", 0, FieldKind::Date},
};

/// Term prefixes of analysed text (body and title share the same unprefixed space; title also gets S).
namespace prefix {
inline constexpr std::string_view kStem = "Z";        ///< Z<stem of folded word>, with positions
/// <folded word>, only when it differs from the exact form (« sécurité » → securite): a plain word's
/// folded form is its E term, one term less per word to write. Prefix search and did-you-mean read both.
inline constexpr std::string_view kFolded = "";
inline constexpr std::string_view kExact = "E";       ///< E<exact word>, accents kept: exact search (=thé, =the)
inline constexpr std::string_view kTitleStem = "ZS";  ///< ZS<stem>, with positions: title boost and title:
inline constexpr std::string_view kMonth = "XM";      ///< XM<YYYYMM>
inline constexpr std::string_view kYear = "XY";       ///< XY<YYYY>
}  // namespace prefix

/// Value slots not tied to a query field.
namespace slot {
inline constexpr Xapian::valueno kDate = 0;      ///< "YYYYMMDD" (00 for unknown parts)
inline constexpr Xapian::valueno kCompanies = 1; ///< canonical names joined by '\n'
inline constexpr Xapian::valueno kTopics = 2;    ///< display names joined by '\n'
inline constexpr Xapian::valueno kMonth = 3;     ///< "YYYY-MM"
inline constexpr Xapian::valueno kHash = 4;      ///< content hash: unchanged articles are skipped
inline constexpr Xapian::valueno kSource = 5;    ///< source display name
inline constexpr Xapian::valueno kId = 6;        ///< article id: the last tie-break of equal scores
/// The article's body, LZ4-compressed (store_article): outside the document data, which Xapian
/// compresses with zlib at a tenth of LZ4's speed (8% of indexing time).
inline constexpr Xapian::valueno kBody = 7;
}  // namespace slot

/// The field called `name`; throws UsageError listing the valid names.
const Field& field(std::string_view name);
/// All fields, for help texts and loops.
std::span<const Field> fields();

/// The id term of an article: Q<id>.
std::string id_term(std::string_view id);
/// The filter term of a facet/filter value (company, topic, source): prefix + folded value.
std::string filter_term(const Field& field, std::string_view value, const Analyzer& analyzer);

/// Joins multi-valued facet values for a value slot, and splits them back.
std::string join_values(const std::vector<std::string>& values);
std::vector<std::string> split_values(std::string_view joined);

/// Writes the schema version into a new database, or checks it on an existing one (and marks an
/// older readable one as this version); throws DatabaseError naming `path` when it cannot be used.
void check_schema(Xapian::WritableDatabase& db, const std::string& path);
/// Checks the schema version of a database opened for reading (an empty database passes).
void check_schema(const Xapian::Database& db, const std::string& path);

}  // namespace veille
