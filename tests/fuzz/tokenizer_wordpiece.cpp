// The BERT WordPiece tokenizer of all-MiniLM-L6-v2 on any text (customer interests and product
// texts reach it in the browser): ids from the vocabulary, [CLS] first, [SEP] last, rows within
// the requested length. The real tokenizer.json is loaded once.
#include <algorithm>

#include "fuzz_support.h"
#include "shared/text/wordpiece_tokenizer.h"

namespace {

struct Loaded {
    bank::WordPieceTokenizer tokenizer;
    std::int64_t vocab_size;
};

const Loaded& minilm() {
    static const Loaded loaded = [] {
        const std::string dir = "models/tokenizers/all-MiniLM-L6-v2/";
        auto t = bank::WordPieceTokenizer::from_files(bank::fuzz::repo_file(dir + "tokenizer.json"));
        bank::fuzz::require(t.ok(), "the MiniLM tokenizer loads");
        const std::string vocab = bank::fuzz::repo_file(dir + "vocab.txt");
        return Loaded{std::move(t).value(), std::count(vocab.begin(), vocab.end(), '\n')};
    }();
    return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    minilm();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const auto& [t, vocab_size] = minilm();
    const std::string_view text = fuzz::as_text(data, size);

    // One entry point per input, chosen by the input's second byte (the first sets max_len): each
    // tokenizes the whole text, so checking all three would cut the executions a campaign reaches.
    const int entry = size > 1 ? data[1] % 3 : 0;
    if (entry == 0) {
        const auto ids = t.token_ids(text);
        fuzz::require(ids.size() >= 2 && ids.front() == t.cls_id() && ids.back() == t.sep_id(), "[CLS] ... [SEP]");
        for (std::int32_t id : ids) fuzz::require(id >= 0 && id < vocab_size, "ids are vocabulary entries");
        return 0;
    }
    const std::size_t max_len = size == 0 ? 0 : data[0] % 160;
    if (entry == 1) {
        const TokenizedBatch row = t.encode(text, max_len);
        fuzz::require(row.batch == 1 && row.seq_len <= std::max<std::size_t>(max_len, 2), "a row fits max_len");
        fuzz::require(row.input_ids.size() == row.seq_len && row.attention_mask.size() == row.seq_len,
                      "tensors are batch x seq_len");
        fuzz::require(row.input_ids.front() == t.cls_id() && row.input_ids.back() == t.sep_id(),
                      "truncation keeps [CLS] first and [SEP] last");
        for (std::int64_t id : row.input_ids) fuzz::require(id >= 0 && id < vocab_size, "ids are vocabulary entries");
        return 0;
    }

    // The same text split into lines, as a batch padded to the longest row or to max_len.
    std::vector<std::string> texts;
    for (std::size_t start = 0; start <= text.size() && texts.size() < 8;) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        texts.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    const bool longest = (data[1] & 4) != 0;
    const TokenizedBatch b = t.encode_batch(texts, max_len, longest);
    fuzz::require(b.batch == texts.size() && b.input_ids.size() == b.batch * b.seq_len &&
                      b.attention_mask.size() == b.input_ids.size() &&
                      b.token_type_ids.size() == b.input_ids.size(),
                  "a batch is batch x seq_len in every tensor");
    fuzz::require(longest || b.seq_len == std::max<std::size_t>(max_len, 2),
                  "padded to max_len unless asked for the longest row");
    return 0;
}
