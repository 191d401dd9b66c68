// What a tokenizer hands to an ONNX text model: row-major int64 tensors of shape [batch, seq_len],
// ready to wrap as input_ids / attention_mask / token_type_ids without copying.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bank {

struct TokenizedBatch {
    std::vector<std::int64_t> input_ids;
    std::vector<std::int64_t> attention_mask;  // 1 for real tokens, 0 for padding
    std::vector<std::int64_t> token_type_ids;  // all 0 (one segment); empty for CLIP, which has none
    std::size_t batch = 0;
    std::size_t seq_len = 0;
};

namespace text {

// Cuts a sequence that ends in a special token ([SEP], <|endoftext|>) to max_len, keeping that
// token last, as the Python tokenizers the models were trained with do. transformers.js instead
// cuts the end token off (see tests/tokenizer/README.md).
void truncate_keeping_end(std::vector<std::int32_t>& ids, std::size_t max_len);

// Rows of at most seq_len ids, padded on the right with pad_id (attention 0) to seq_len.
TokenizedBatch pack_rows(const std::vector<std::vector<std::int32_t>>& rows, std::size_t seq_len,
                         std::int32_t pad_id, bool with_token_type_ids);

}  // namespace text
}  // namespace bank
