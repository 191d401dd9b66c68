#include "shared/text/clip_normalizer.h"

#include "shared/text/unicode.h"

namespace bank::text {

void clip_normalize(std::u32string_view text, std::u32string& scratch, std::u32string& out) {
    unicode::nfc(text, scratch);
    std::size_t write = 0;
    bool in_space = false;
    for (char32_t cp : scratch) {
        const bool space = unicode::has_property(cp, unicode::tables::kWhiteSpace);
        if (space && in_space) continue;
        scratch[write++] = space ? U' ' : cp;
        in_space = space;
    }
    scratch.resize(write);
    unicode::to_lower(scratch, out);
}

}  // namespace bank::text
