# embed.cmake — turns a data file into a .cpp defining `std::string_view <name>()` (compiled-in defaults).
file(READ "${INPUT}" content)
file(WRITE "${OUTPUT}" "// generated from ${INPUT} — do not edit\n#include <string_view>\nnamespace veille::data {\nstd::string_view ${NAME}();\nstd::string_view ${NAME}() {\n    static constexpr std::string_view kText = R\"veille_data(${content})veille_data\";\n    return kText;\n}\n}  // namespace veille::data\n")
