// The byte-level BPE tokenizer of CLIP (clip-vit-base-patch32's text tower), giving the same ids
// as @huggingface/transformers in the browser, string for string (tests/tokenizer checks this on
// a corpus). Text -> NFC, whitespace runs to " ", lowercase -> CLIP split pattern -> GPT-2 byte
// level -> BPE with "</w>" -> <|startoftext|> ... <|endoftext|>, padded to 77.
// The const methods may run on several threads at once: the BPE word cache is locked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/data/load_error.h"
#include "shared/text/added_tokens.h"
#include "shared/text/byte_pair_encoder.h"
#include "shared/text/token_index.h"
#include "shared/text/tokenized_batch.h"

namespace bank {

class ClipTokenizer {
public:
    // CLIP's text encoder has 77 positions; every row is exactly this long.
    static constexpr std::size_t kContextLength = 77;

    // From the contents of tokenizer.json (checked to be the CLIP pipeline above) and, optionally,
    // tokenizer_config.json, whose pad_token (else the end token, as in transformers.js) pads
    // the rows. The core does no I/O: the caller reads or fetches the files.
    static Loaded<ClipTokenizer> from_files(std::string_view tokenizer_json,
                                            std::string_view tokenizer_config_json = {});

    // <|startoftext|> pieces <|endoftext|>, neither truncated nor padded. Text that is not UTF-8
    // is decoded as a browser would (bad bytes become U+FFFD, tokenized like any character).
    std::vector<std::int32_t> token_ids(std::string_view text) const;

    // One row of kContextLength ids: token_ids cut keeping <|endoftext|> last, then padded with
    // the pad token (attention 0). token_type_ids stays empty: CLIP has no segments.
    TokenizedBatch encode(std::string_view text) const;
    TokenizedBatch encode_batch(const std::vector<std::string>& texts) const;

    std::int32_t start_id() const { return start_id_; }
    std::int32_t end_id() const { return end_id_; }
    std::int32_t pad_id() const { return pad_id_; }

private:
    ClipTokenizer() = default;
    std::optional<LoadError> read_tokenizer_json(std::string_view contents, text::TokenIndex& vocab);
    void append_text(std::u32string_view section, std::vector<std::int32_t>& ids) const;
    std::vector<std::int32_t> row(std::string_view text) const;

    text::AddedTokens added_tokens_;
    text::BytePairEncoder bpe_;
    std::int32_t start_id_ = -1;
    std::int32_t end_id_ = -1;
    std::int32_t pad_id_ = -1;
};

}  // namespace bank
