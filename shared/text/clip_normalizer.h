// The normalizer of CLIP's tokenizer.json: Sequence [NFC, Replace(\s+ -> " "), Lowercase].
// transformers.js compiles the Oniguruma \s to \p{White_Space} (so U+0085 is a space and U+FEFF
// is not), and lowercases with String.prototype.toLowerCase. No trimming: edge spaces stay.
#pragma once

#include <string>
#include <string_view>

namespace bank::text {

void clip_normalize(std::u32string_view text, std::u32string& scratch, std::u32string& out);

}  // namespace bank::text
