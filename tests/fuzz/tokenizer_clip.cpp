// CLIP's byte-level BPE tokenizer (clip-vit-base-patch32) on any text: every row is exactly 77
// ids from the vocabulary, <|startoftext|> first and <|endoftext|> where the text ends. The real
// tokenizer files are loaded once.
#include "fuzz_support.h"
#include "shared/text/clip_tokenizer.h"

#include <nlohmann/json.hpp>

namespace {

struct Loaded {
    bank::ClipTokenizer tokenizer;
    std::int64_t vocab_size;
};

const Loaded& clip() {
    static const Loaded loaded = [] {
        const std::string dir = "models/tokenizers/clip-vit-base-patch32/";
        auto t = bank::ClipTokenizer::from_files(bank::fuzz::repo_file(dir + "tokenizer.json"),
                                                 bank::fuzz::repo_file(dir + "tokenizer_config.json"));
        bank::fuzz::require(t.ok(), "the CLIP tokenizer loads");
        const auto vocab = nlohmann::json::parse(bank::fuzz::repo_file(dir + "vocab.json"));
        return Loaded{std::move(t).value(), static_cast<std::int64_t>(vocab.size())};
    }();
    return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    clip();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const auto& [t, vocab_size] = clip();
    const std::string_view text = fuzz::as_text(data, size);

    // One of the two entry points per input, chosen by the input: each tokenizes the whole text,
    // so checking both would halve the executions a campaign reaches in its time.
    if (size == 0 || (data[0] & 1) == 0) {
        const auto ids = t.token_ids(text);
        fuzz::require(ids.size() >= 2 && ids.front() == t.start_id() && ids.back() == t.end_id(),
                      "<|startoftext|> ... <|endoftext|>");
        for (std::int32_t id : ids) fuzz::require(id >= 0 && id < vocab_size, "ids are vocabulary entries");
        return 0;
    }
    const TokenizedBatch row = t.encode(text);
    fuzz::require(row.batch == 1 && row.seq_len == ClipTokenizer::kContextLength &&
                      row.input_ids.size() == ClipTokenizer::kContextLength &&
                      row.attention_mask.size() == ClipTokenizer::kContextLength,
                  "a row is 77 positions");
    fuzz::require(row.input_ids[0] == t.start_id(), "rows start with <|startoftext|>");
    for (std::int64_t id : row.input_ids) fuzz::require(id >= 0 && id < vocab_size, "ids are vocabulary entries");
    std::size_t real = 0;
    while (real < row.attention_mask.size() && row.attention_mask[real] == 1) ++real;
    fuzz::require(real >= 2 && row.input_ids[real - 1] == t.end_id(), "the last real id is <|endoftext|>");
    return 0;
}
