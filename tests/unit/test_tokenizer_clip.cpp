// ClipTokenizer behaviours, with ids taken from the reference (@huggingface/transformers) on the
// shipped clip-vit-base-patch32 files. Bulk parity lives in tests/tokenizer.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "shared/text/clip_tokenizer.h"

namespace {

using Ids = std::vector<std::int32_t>;
using Row = std::vector<std::int64_t>;
constexpr std::int32_t kStart = 49406, kEnd = 49407;

std::string model_file(const std::string& name) {
    std::ifstream in(std::string(PROJECT_SOURCE_DIR) + "/models/tokenizers/clip-vit-base-patch32/" + name,
                     std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const bank::ClipTokenizer& clip() {
    static const bank::Loaded<bank::ClipTokenizer> t =
        bank::ClipTokenizer::from_files(model_file("tokenizer.json"), model_file("tokenizer_config.json"));
    REQUIRE(t.ok());
    return t.value();
}

}  // namespace

TEST_CASE("CLIP: known ids from the reference", "[tokenizer]") {
    const auto& t = clip();
    CHECK(t.token_ids("Hello, world!") == Ids{kStart, 3306, 267, 1002, 256, kEnd});
    CHECK(t.token_ids("£1,000.50 APR 19.9%") ==
          Ids{kStart, 1950, 272, 267, 271, 271, 271, 269, 276, 271, 11177, 272, 280, 269, 280, 260, kEnd});
    CHECK(t.token_ids("Cash ISA 4.75% AER") == Ids{kStart, 5131, 6536, 275, 269, 278, 276, 260, 64, 528, kEnd});
    CHECK(t.token_ids("Café Zoë") == Ids{kStart, 15304, 4397, 40520, kEnd});
    CHECK(t.token_ids("I ❤️ 💳") == Ids{kStart, 328, 1752, 837, 367, kEnd});
    CHECK(t.token_ids("银行𠀀") == Ids{kStart, 165, 241, 114, 164, 94, 234, 172, 254, 222, 478, kEnd});
}

TEST_CASE("CLIP: special tokens follow transformers.js's added-token rules", "[tokenizer]") {
    const auto& t = clip();
    // <|endoftext|> is matched in the raw text, <|startoftext|> after lowercasing.
    CHECK(t.token_ids("<|STARTOFTEXT|>hi") == Ids{kStart, kStart, 1883, kEnd});
    // A whole section equal to a token once lowercased is that token; inside a sentence it is text.
    CHECK(t.token_ids("<|ENDOFTEXT|>") == Ids{kStart, kEnd, kEnd});
    CHECK(t.token_ids("x <|ENDOFTEXT|>") == Ids{kStart, 343, 27, 347, 40786, 4160, 91, 285, kEnd});
}

TEST_CASE("CLIP: empty input is start, end, then padding", "[tokenizer]") {
    const bank::TokenizedBatch b = clip().encode("");
    REQUIRE(b.seq_len == bank::ClipTokenizer::kContextLength);
    CHECK(b.input_ids[0] == kStart);
    CHECK(b.input_ids[1] == kEnd);
    CHECK(b.attention_mask[1] == 1);
    CHECK(b.attention_mask[2] == 0);
    CHECK(b.token_type_ids.empty());
}

TEST_CASE("CLIP: rows are padded to 77 with the pad token of tokenizer_config.json", "[tokenizer]") {
    const auto& t = clip();
    CHECK(t.pad_id() == kEnd);
    const bank::TokenizedBatch b = t.encode_batch({"hi", "Hello, world!"});
    REQUIRE(b.batch == 2);
    REQUIRE(b.seq_len == 77);
    Row first(77, kEnd), first_mask(77, 0);
    first[0] = kStart;
    first[1] = 1883;
    first_mask[0] = first_mask[1] = first_mask[2] = 1;
    CHECK(Row(b.input_ids.begin(), b.input_ids.begin() + 77) == first);
    CHECK(Row(b.attention_mask.begin(), b.attention_mask.begin() + 77) == first_mask);
    CHECK(b.input_ids[77 + 5] == kEnd);
    CHECK(b.attention_mask[77 + 5] == 1);
    CHECK(b.attention_mask[77 + 6] == 0);
}

TEST_CASE("CLIP: truncation to 77 keeps <|endoftext|> last", "[tokenizer]") {
    std::string text;
    for (int i = 0; i < 300; ++i) text += "word ";
    const bank::TokenizedBatch b = clip().encode(text);
    REQUIRE(b.seq_len == 77);
    CHECK(b.input_ids.front() == kStart);
    CHECK(b.input_ids[75] == 2653);
    CHECK(b.input_ids.back() == kEnd);
    CHECK(b.attention_mask == Row(77, 1));
}

TEST_CASE("CLIP: invalid UTF-8 becomes U+FFFD per ill-formed sequence, as in the browser", "[tokenizer]") {
    const auto& t = clip();
    CHECK(t.token_ids("caf\xC3") == Ids{kStart, 20867, 39802, kEnd});
    CHECK(t.token_ids("x\xED\xA0\x80y") == Ids{kStart, 343, 47356, 47356, 39802, 344, kEnd});
    CHECK(t.token_ids("\xF0\x9F\x98" "A") == Ids{kStart, 39802, 320, kEnd});
    CHECK(t.token_ids("\xC0\xAF\xFF") == Ids{kStart, 47356, 47356, 39802, kEnd});
}

TEST_CASE("CLIP: the word cache never changes a result", "[tokenizer]") {
    const auto& t = clip();
    const Ids first = t.token_ids("mortgage mortgage remortgage");
    CHECK(t.token_ids("mortgage mortgage remortgage") == first);
    const std::string long_word(300, 'z');  // beyond the cached length
    CHECK(t.token_ids(long_word) == t.token_ids(long_word));
}

TEST_CASE("CLIP: a tokenizer.json of another pipeline is a load error", "[tokenizer]") {
    const auto bert = bank::ClipTokenizer::from_files(
        R"({"normalizer": {"type": "BertNormalizer"}, "pre_tokenizer": null, "model": {"type": "WordPiece"}})");
    REQUIRE_FALSE(bert.ok());
    CHECK(bert.error().file == "tokenizer.json");
    CHECK(bert.error().field == "normalizer");
    const auto bad_config = bank::ClipTokenizer::from_files(model_file("tokenizer.json"), R"({"pad_token": "<nope>"})");
    REQUIRE_FALSE(bad_config.ok());
    CHECK(bad_config.error().file == "tokenizer_config.json");
}
