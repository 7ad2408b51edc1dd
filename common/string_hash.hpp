// string_hash.hpp — a hash for maps keyed by std::string that can be searched with a string_view.
#pragma once
#include <cstddef>
#include <functional>
#include <string_view>

namespace veille {

/// With std::equal_to<>, lets find() take a string_view: no key string is built per lookup.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace veille
