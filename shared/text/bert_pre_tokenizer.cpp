#include "shared/text/bert_pre_tokenizer.h"

#include "shared/text/unicode.h"

namespace bank::text {
namespace {

bool is_ascii_symbol(char32_t cp) {
    return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
           (cp >= 0x7B && cp <= 0x7E);
}

}  // namespace

void bert_pre_tokenize(std::u32string_view text, std::vector<std::u32string_view>& words) {
    std::size_t word_start = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t cp = text[i];
        const std::uint16_t p = unicode::properties(cp);
        const bool space = (p & unicode::tables::kJsSpace) != 0;
        const bool punct = is_ascii_symbol(cp) || (p & unicode::tables::kPunctuation) != 0;
        if (!space && !punct) {
            if (!in_word) word_start = i;
            in_word = true;
            continue;
        }
        if (in_word) words.push_back(text.substr(word_start, i - word_start));
        in_word = false;
        if (punct) words.push_back(text.substr(i, 1));
    }
    if (in_word) words.push_back(text.substr(word_start));
}

}  // namespace bank::text
