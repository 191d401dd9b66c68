#include "shared/text/bert_normalizer.h"

#include "shared/text/unicode.h"

namespace bank::text {
namespace {

using namespace unicode::tables;

// The BMP blocks of transformers.js's is_chinese_char that a UTF-16 code unit can fall in.
bool is_bmp_cjk_ideograph(char32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF);
}

void clean_and_space_cjk(std::u32string_view text, const BertNormalizerOptions& options,
                         std::u32string& out) {
    out.clear();
    out.reserve(text.size());
    for (char32_t cp : text) {
        if (options.clean_text) {
            const bool keep_control = cp == '\t' || cp == '\n' || cp == '\r';
            const std::uint16_t p = unicode::properties(cp);
            if (cp == 0 || cp == 0xFFFD || ((p & kControl) && !keep_control)) continue;
            if (p & kJsSpace) cp = ' ';
        }
        if (options.handle_chinese_chars && is_bmp_cjk_ideograph(cp)) {
            out += ' ';
            out += cp;
            out += ' ';
        } else {
            out += cp;
        }
    }
}

void strip_nonspacing_marks(std::u32string_view text, std::u32string& out) {
    unicode::nfd(text, out);
    std::size_t write = 0;
    for (char32_t cp : out) {
        if (cp < 0x300 || !unicode::has_property(cp, kNonspacingMark)) out[write++] = cp;
    }
    out.resize(write);
}

}  // namespace

void bert_normalize(std::u32string_view text, const BertNormalizerOptions& options,
                    std::u32string& scratch, std::u32string& out) {
    clean_and_space_cjk(text, options, out);
    const bool strip = options.lowercase ? options.strip_accents.value_or(true)
                                         : options.strip_accents.value_or(false);
    if (options.lowercase) {
        unicode::to_lower(out, scratch);
        out.swap(scratch);
    }
    if (strip) {
        strip_nonspacing_marks(out, scratch);
        out.swap(scratch);
    }
}

}  // namespace bank::text
