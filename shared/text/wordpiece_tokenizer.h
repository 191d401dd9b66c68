// The BERT WordPiece tokenizer of all-MiniLM-L6-v2 (and any uncased BERT tokenizer.json with the
// same pipeline), giving the same ids as @huggingface/transformers in the browser, string for
// string (tests/tokenizer checks this on a corpus). Text -> BertNormalizer -> BertPreTokenizer
// -> greedy longest-match WordPiece -> [CLS] ... [SEP].
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/data/load_error.h"
#include "shared/text/added_tokens.h"
#include "shared/text/bert_normalizer.h"
#include "shared/text/token_index.h"
#include "shared/text/tokenized_batch.h"

namespace bank {

class WordPieceTokenizer {
public:
    // tokenizer.json's truncation length for all-MiniLM-L6-v2 (its training length); the model
    // accepts up to 512 positions.
    static constexpr std::size_t kDefaultMaxLength = 128;

    // From the contents of a tokenizer.json (its normalizer, pre_tokenizer, model and
    // post_processor are checked to be the BERT pipeline above) or of a BERT vocab.txt (one token
    // per line, id = line index; implies the uncased BERT defaults). The core does no I/O: the
    // caller reads or fetches the file.
    static Loaded<WordPieceTokenizer> from_files(std::string_view vocab_txt_or_tokenizer_json);

    // [CLS] pieces [SEP], neither truncated nor padded. Text that is not UTF-8 is decoded as a
    // browser would (bad bytes become U+FFFD, which the BERT normalizer then drops).
    std::vector<std::int32_t> token_ids(std::string_view text) const;

    // One row of token_ids cut to max_len (at least 2), keeping [SEP] last; no padding.
    TokenizedBatch encode(std::string_view text, std::size_t max_len = kDefaultMaxLength) const;

    // One row per text, each cut like encode, padded with [PAD] (attention 0) to the longest row
    // or, when pad_to_longest is false, to max_len.
    TokenizedBatch encode_batch(const std::vector<std::string>& texts,
                                std::size_t max_len = kDefaultMaxLength,
                                bool pad_to_longest = true) const;

    std::int32_t cls_id() const { return cls_id_; }
    std::int32_t sep_id() const { return sep_id_; }
    std::int32_t pad_id() const { return pad_id_; }
    std::int32_t unk_id() const { return unk_id_; }

private:
    WordPieceTokenizer() = default;
    std::optional<LoadError> read_tokenizer_json(std::string_view contents, std::string& unk_token);
    std::optional<LoadError> read_vocab_txt(std::string_view contents);
    void append_text(std::u32string_view section, std::vector<std::int32_t>& ids) const;
    void append_word(std::u32string_view word, std::vector<std::int32_t>& ids) const;
    std::vector<std::int32_t> truncated_ids(std::string_view text, std::size_t max_len) const;

    text::TokenIndex vocab_;
    text::AddedTokens added_tokens_;
    text::BertNormalizerOptions normalizer_;
    std::string continuing_prefix_ = "##";
    std::size_t max_chars_per_word_ = 100;
    std::int32_t unk_id_ = -1;
    std::int32_t cls_id_ = -1;
    std::int32_t sep_id_ = -1;
    std::int32_t pad_id_ = -1;
};

}  // namespace bank
