// tokenizer.json's "BertPreTokenizer" as transformers.js runs it: words are runs of characters
// that are neither JavaScript whitespace nor punctuation; every punctuation character is a word
// of its own. Punctuation is \p{P} plus the ASCII symbols !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~, as
// in BERT (so "$" and "+" split but "£" and "€" stay inside words).
#pragma once

#include <string_view>
#include <vector>

namespace bank::text {

// Appends the words of text (views into it) to words.
void bert_pre_tokenize(std::u32string_view text, std::vector<std::u32string_view>& words);

}  // namespace bank::text
