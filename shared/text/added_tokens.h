// The tokenizer.json "added_tokens" ([CLS], <|endoftext|>, ...): literal strings cut out of the
// text before the model sees it, as transformers.js does. Tokens marked normalized:false are
// matched in the raw text, the others in the text after the normalizer; a whole section equal to
// any token (or to its normalized form) is that token.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bank::text {

// A piece of text between added tokens (token_id < 0), or one added token (token_id >= 0).
struct Section {
    std::u32string_view text;
    std::int32_t token_id;
};

class AddedTokens {
public:
    // normalized_content is the token run through the tokenizer's normalizer; it is only used
    // when matched_after_normalizer is true.
    void add(std::u32string content, std::int32_t id, bool matched_after_normalizer,
             std::u32string normalized_content);

    // Splits text at every occurrence of a token of the raw set (after_normalizer == false) or
    // the normalized set: leftmost match first, the longest token when several start there.
    void split(std::u32string_view text, bool after_normalizer, std::vector<Section>& out) const;

    // Id of the token whose content or normalized content is exactly text, or -1.
    std::int32_t exact(std::u32string_view text) const;

private:
    struct Pattern {
        std::u32string text;
        std::int32_t id;
    };
    // Patterns plus the characters they start with: split() jumps from one of those characters
    // to the next instead of comparing every pattern at every position.
    struct PatternSet {
        std::vector<Pattern> patterns;
        std::u32string first_chars;
        void add(std::u32string text, std::int32_t id);
    };
    PatternSet raw_;
    PatternSet normalized_;
    std::vector<Pattern> exact_;
};

}  // namespace bank::text
