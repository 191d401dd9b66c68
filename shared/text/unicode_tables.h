// Shapes of the generated Unicode tables (unicode_tables.cpp, written by
// scripts/gen_unicode_tables.mjs from Node's own ICU data). Only unicode.cpp reads them; the
// tokenizers ask unicode.h.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bank::unicode::tables {

// Bits of PropertyRun::flags; the generator's PROPERTIES list has the same order.
enum PropertyBit : std::uint16_t {
    kLetter = 1u << 0,          // \p{L}
    kNumber = 1u << 1,          // \p{N}
    kPunctuation = 1u << 2,     // \p{P}
    kNonspacingMark = 1u << 3,  // \p{Mn}
    kControl = 1u << 4,         // \p{Cc} \p{Cf} \p{Co} \p{Cs}
    kWhiteSpace = 1u << 5,      // \p{White_Space}
    kJsSpace = 1u << 6,         // ECMAScript \s (White_Space minus U+0085, plus U+FEFF)
    kCased = 1u << 7,           // \p{Cased}
    kCaseIgnorable = 1u << 8,   // \p{Case_Ignorable}
};

// Every code point from `first` up to the next run's `first` has these property bits.
struct PropertyRun {
    char32_t first;
    std::uint16_t flags;
};

// count code points first, first + stride, ... lowercase to themselves plus delta.
struct LowercaseRun {
    char32_t first;
    std::uint16_t count;
    std::uint8_t stride;
    std::int32_t delta;
};

// Lowercase mappings to more than one code point (U+0130 -> i + U+0307); unused slots are 0.
struct MultiLowercase {
    char32_t code_point;
    char32_t lower[3];
};

// Full canonical decomposition of code_point: kDecompositionPool[offset, offset + length).
struct Decomposition {
    char32_t code_point;
    std::uint16_t offset;
    std::uint8_t length;
};

// Non-zero canonical combining class of [first, last] as a rank: only the order of classes
// matters to normalization, and V8 exposes the order, not the numbers.
struct CombiningRange {
    char32_t first;
    char32_t last;
    std::uint8_t rank;
};

// Primary composite of the canonical pair (first, second); sorted by (first, second).
struct Composition {
    char32_t first;
    char32_t second;
    char32_t composite;
};

extern const PropertyRun kPropertyRuns[];
extern const std::size_t kPropertyRunCount;
extern const LowercaseRun kLowercaseRuns[];
extern const std::size_t kLowercaseRunCount;
extern const MultiLowercase kMultiLowercase[];
extern const std::size_t kMultiLowercaseCount;
extern const char32_t kDecompositionPool[];
extern const Decomposition kDecompositions[];
extern const std::size_t kDecompositionCount;
extern const CombiningRange kCombiningRanges[];
extern const std::size_t kCombiningRangeCount;
extern const Composition kCompositions[];
extern const std::size_t kCompositionCount;

}  // namespace bank::unicode::tables
