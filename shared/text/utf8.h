// UTF-8 <-> code points for the tokenizers. The reference tokenizers work on JavaScript strings,
// which a browser makes from bytes with TextDecoder; decoding the same way keeps ill-formed input
// (a truncated upload, a Latin-1 CSV cell) tokenizing exactly as it would in the browser.
#pragma once

#include <string>
#include <string_view>

namespace bank::text {

// Replaces each maximal ill-formed subsequence with one U+FFFD, as the WHATWG Encoding standard
// (TextDecoder) and Unicode's "best practice" require. Never fails.
std::u32string decode_utf8(std::string_view bytes);

// Appends the UTF-8 form of a code point (a Unicode scalar value; others become U+FFFD).
void append_utf8(std::string& out, char32_t code_point);

}  // namespace bank::text
