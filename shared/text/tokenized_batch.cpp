#include "shared/text/tokenized_batch.h"

namespace bank::text {

void truncate_keeping_end(std::vector<std::int32_t>& ids, std::size_t max_len) {
    if (ids.size() <= max_len) return;
    // A window too small for both special tokens still ends with the end token.
    if (max_len == 0) {
        ids.clear();
        return;
    }
    ids[max_len - 1] = ids.back();
    ids.resize(max_len);
}

TokenizedBatch pack_rows(const std::vector<std::vector<std::int32_t>>& rows, std::size_t seq_len,
                         std::int32_t pad_id, bool with_token_type_ids) {
    TokenizedBatch out;
    out.batch = rows.size();
    out.seq_len = seq_len;
    out.input_ids.assign(rows.size() * seq_len, pad_id);
    out.attention_mask.assign(rows.size() * seq_len, 0);
    if (with_token_type_ids) out.token_type_ids.assign(rows.size() * seq_len, 0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::size_t n = rows[r].size() < seq_len ? rows[r].size() : seq_len;
        for (std::size_t i = 0; i < n; ++i) {
            out.input_ids[r * seq_len + i] = rows[r][i];
            out.attention_mask[r * seq_len + i] = 1;
        }
    }
    return out;
}

}  // namespace bank::text
