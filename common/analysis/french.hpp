// french.hpp — French word rules: elided articles, Snowball stemming.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace veille {

class Lexicon;

/// Bytes to drop at the front of `surface` for an elided article (« l’ », « qu' », « jusqu’ »), or 0 when
/// there is none or the word owns its apostrophe (« aujourd'hui », « presqu’île »).
std::size_t elided_prefix_length(std::string_view surface, const Lexicon& lexicon);

/// Bytes to drop at the end of `surface` for an English possessive (« Assassin's » → « Assassin »), or 0.
std::size_t possessive_suffix_length(std::string_view surface);

/// Snowball French stem (Xapian::Stem("french")) of a folded word.
std::string french_stem(const std::string& folded);

}  // namespace veille
