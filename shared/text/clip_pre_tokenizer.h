// The pre_tokenizer of CLIP's tokenizer.json, as transformers.js runs it:
//  1. Split, keeping only the matches of
//       <\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
//     (JavaScript regex semantics: leftmost match, first alternative that matches; \s compiled to
//     \p{White_Space}), so whitespace disappears and every digit is a piece of its own;
//  2. ByteLevel (use_regex), which splits each piece again with GPT-2's pattern
//       's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//     (here \s is JavaScript's own, which includes U+FEFF: "!\uFEFF?" becomes three pieces).
// The byte-to-unicode step of ByteLevel is left to the BPE, which works on UTF-8 bytes directly.
#pragma once

#include <string_view>
#include <vector>

namespace bank::text {

// Appends the final pieces of text (views into it) to pieces.
void clip_pre_tokenize(std::u32string_view text, std::vector<std::u32string_view>& pieces);

}  // namespace bank::text
