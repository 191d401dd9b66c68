// UTF-8, the one module for it: checking bytes (the CSV reader rejects ill-formed cells, error
// messages escape them) and decoding them to code points for the tokenizers. Both follow the same
// table (Unicode 15, section 3.9), so a byte the loader accepts is a byte the tokenizer decodes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bank {

// Length of the well-formed UTF-8 sequence starting at text[pos] (1-4), or 0 when the bytes there
// are not UTF-8: a stray continuation byte, an overlong form, a surrogate, a code point above
// U+10FFFF or a sequence cut short.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

// Replaces each maximal ill-formed subsequence with one U+FFFD, as the WHATWG Encoding standard
// (TextDecoder) and Unicode's "best practice" require, so ill-formed input (a truncated upload, a
// Latin-1 CSV cell) tokenizes exactly as it would in the browser. Never fails.
std::u32string decode_utf8(std::string_view bytes);

// Appends the UTF-8 form of a code point (a Unicode scalar value; others become U+FFFD).
void append_utf8(std::string& out, char32_t code_point);

}  // namespace bank
