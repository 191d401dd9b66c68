// The Unicode operations the tokenizers replicate from JavaScript, with V8/ICU's data (see
// unicode_tables.h): property tests as in `/\p{...}/u`, String.prototype.toLowerCase and
// String.prototype.normalize('NFD' / 'NFC').
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/text/unicode_tables.h"

namespace bank::unicode {

using tables::PropertyBit;

// All property bits of a code point (tables::kLetter | ...); 0 above U+10FFFF.
std::uint16_t properties(char32_t code_point);

inline bool has_property(char32_t code_point, std::uint16_t bits) {
    return (properties(code_point) & bits) != 0;
}

// String.prototype.toLowerCase: locale-independent full case mapping (U+0130 -> "i̇"), with
// Greek capital sigma lowercased to final ς where ICU's Final_Sigma context says so.
void to_lower(std::u32string_view text, std::u32string& out);

// String.prototype.normalize('NFD'): full canonical decomposition, then canonical ordering.
void nfd(std::u32string_view text, std::u32string& out);

// String.prototype.normalize('NFC'): NFD, then canonical composition.
void nfc(std::u32string_view text, std::u32string& out);

}  // namespace bank::unicode
