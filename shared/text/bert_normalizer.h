// tokenizer.json's "BertNormalizer" as transformers.js runs it (not the original Python BERT
// code, whose results differ on a few inputs; see tests/tokenizer/README.md):
//   clean_text: drop U+0000, U+FFFD and control characters (Cc Cf Co Cs except \t \n \r), turn
//               every JavaScript whitespace character into a space;
//   handle_chinese_chars: put spaces around CJK ideographs - of the BMP only, because the
//               reference looks at UTF-16 code units and never sees a supplementary ideograph;
//   lowercase: String.prototype.toLowerCase, then (unless strip_accents is false) NFD and removal
//               of non-spacing marks (Mn); strip_accents alone does the latter without lowercasing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bank::text {

struct BertNormalizerOptions {
    bool clean_text = true;
    bool handle_chinese_chars = true;
    bool lowercase = true;
    std::optional<bool> strip_accents;  // null in tokenizer.json: follow lowercase
};

// Normalizes text into out; scratch is reused between calls to avoid allocations.
void bert_normalize(std::u32string_view text, const BertNormalizerOptions& options,
                    std::u32string& scratch, std::u32string& out);

}  // namespace bank::text
