// normalizer.hpp — ICU normalisation of one word: NFKC + case folding (exact form), accent and ligature folding.
#pragma once
#include <string>
#include <string_view>

namespace veille {

/// NFKC + Unicode case folding, apostrophes ’ ʼ ‘ unified to ', dotted acronyms joined (« I.A. » → « ia »):
/// « SÉCURITÉ » → « sécurité ».
std::string normalize_exact(std::string_view word);

/// Accents removed (ICU Transliterator NFD → remove marks → NFC), ligatures expanded (œ → oe, æ → ae):
/// « sécurité » → « securite », « cœur » → « coeur ». Input is an exact form.
std::string fold_accents(std::string_view exact);

/// What normalize_exact + fold_accents make of the two-byte Latin letter starting at `pos` (À–ÿ,
/// Œ œ Ÿ), when that is ASCII: « É » → "e", « œ » → "oe", « ß » → "ss". Empty for any other
/// character (ø, ð, ×, a three-byte letter…). For scans of raw text that cannot afford ICU.
std::string_view fold_latin_letter(std::string_view text, std::size_t pos);

/// Byte length of the apostrophe (' ’ ʼ ‘) starting at `pos`, or 0.
std::size_t apostrophe_length(std::string_view text, std::size_t pos);

/// Byte length of the hyphen (- ‐ ‑) starting at `pos`, or 0.
std::size_t hyphen_length(std::string_view text, std::size_t pos);

}  // namespace veille
