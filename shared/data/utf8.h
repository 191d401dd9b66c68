// UTF-8 well-formedness, shared by the CSV reader (which rejects bad bytes) and by error messages
// (which must show bad bytes without passing them on).
#pragma once

#include <cstddef>
#include <string_view>

namespace bank {

// Length of the well-formed UTF-8 sequence starting at text[pos] (1-4), or 0 when the bytes there
// are not UTF-8: a stray continuation byte, an overlong form, a surrogate, a code point above
// U+10FFFF or a sequence cut short. Follows the table in Unicode 15, section 3.9.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

}  // namespace bank
