// WordPieceTokenizer behaviours, with ids taken from the reference (@huggingface/transformers) on
// the shipped all-MiniLM-L6-v2 files. Bulk parity lives in tests/tokenizer.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "shared/text/wordpiece_tokenizer.h"

namespace {

using Ids = std::vector<std::int32_t>;
using Row = std::vector<std::int64_t>;

std::string model_file(const std::string& name) {
    std::ifstream in(std::string(PROJECT_SOURCE_DIR) + "/models/tokenizers/all-MiniLM-L6-v2/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const bank::WordPieceTokenizer& minilm() {
    static const bank::Loaded<bank::WordPieceTokenizer> t = bank::WordPieceTokenizer::from_files(model_file("tokenizer.json"));
    REQUIRE(t.ok());
    return t.value();
}

}  // namespace

TEST_CASE("WordPiece: known ids from the reference", "[tokenizer]") {
    const auto& t = minilm();
    CHECK(t.token_ids("Hello, world!") == Ids{101, 7592, 1010, 2088, 999, 102});
    CHECK(t.token_ids("£1,000.50 APR 19.9%") == Ids{101, 14534, 1010, 2199, 1012, 2753, 19804, 2539, 1012, 1023, 1003, 102});
    CHECK(t.token_ids("Cash ISA 4.75% AER") == Ids{101, 5356, 18061, 1018, 1012, 4293, 1003, 29347, 2099, 102});
    // Accents stripped after lowercasing; Greek final sigma from toLowerCase.
    CHECK(t.token_ids("Café Zoë") == Ids{101, 7668, 11199, 102});
    CHECK(t.token_ids("ΑΣ ΟΔΥΣΣΕΥΣ") == Ids{101, 1155, 19579, 1169, 29722, 29735, 29733, 29733, 29723, 29735, 19579, 102});
    // BMP ideographs are split, supplementary ones are not (transformers.js looks at UTF-16 units).
    CHECK(t.token_ids("银行𠀀") == Ids{101, 100, 1945, 100, 102});
    CHECK(t.token_ids("I ❤️ 💳") == Ids{101, 1045, 100, 100, 102});
}

TEST_CASE("WordPiece: special tokens in the text are matched exactly", "[tokenizer]") {
    CHECK(minilm().token_ids("a [MASK] [cls] <|endoftext|>") ==
          Ids{101, 1037, 103, 1031, 18856, 2015, 1033, 1026, 1064, 2203, 15794, 10288, 2102, 1064, 1028, 102});
}

TEST_CASE("WordPiece: empty and blank input give [CLS] [SEP]", "[tokenizer]") {
    const auto& t = minilm();
    CHECK(t.token_ids("") == Ids{101, 102});
    CHECK(t.token_ids(" \t\n\u00a0") == Ids{101, 102});
    const bank::TokenizedBatch b = t.encode("");
    CHECK(b.batch == 1);
    CHECK(b.seq_len == 2);
    CHECK(b.attention_mask == Row{1, 1});
}

TEST_CASE("WordPiece: words longer than 100 characters are one [UNK]", "[tokenizer]") {
    const auto& t = minilm();
    CHECK(t.token_ids(std::string(100, 'a')).size() > 3);
    CHECK(t.token_ids(std::string(101, 'a')) == Ids{101, 100, 102});
}

TEST_CASE("WordPiece: truncation keeps [SEP] last", "[tokenizer]") {
    std::string text;
    for (int i = 0; i < 300; ++i) text += "word ";
    const bank::TokenizedBatch b = minilm().encode(text, 128);
    REQUIRE(b.seq_len == 128);
    CHECK(b.input_ids.front() == 101);
    CHECK(b.input_ids[126] == 2773);
    CHECK(b.input_ids.back() == 102);
    CHECK(b.attention_mask == Row(128, 1));
    CHECK(b.token_type_ids == Row(128, 0));
    // Below two positions there is still room for [CLS] and [SEP].
    CHECK(minilm().encode(text, 0).input_ids == Row{101, 102});
}

TEST_CASE("WordPiece: a batch pads with [PAD] to the longest row or to max_len", "[tokenizer]") {
    const auto& t = minilm();
    const bank::TokenizedBatch b = t.encode_batch({"hi", "Hello, world!"});
    REQUIRE(b.batch == 2);
    REQUIRE(b.seq_len == 6);
    CHECK(b.input_ids == Row{101, 7632, 102, 0, 0, 0, 101, 7592, 1010, 2088, 999, 102});
    CHECK(b.attention_mask == Row{1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1});
    CHECK(b.token_type_ids == Row(12, 0));

    const bank::TokenizedBatch fixed = t.encode_batch({"hi"}, 16, false);
    CHECK(fixed.seq_len == 16);
    CHECK(fixed.input_ids.size() == 16);
    CHECK(fixed.input_ids[3] == t.pad_id());

    const bank::TokenizedBatch none = t.encode_batch({});
    CHECK(none.batch == 0);
    CHECK(none.input_ids.empty());
}

TEST_CASE("WordPiece: invalid UTF-8 is decoded as a browser would, without crashing", "[tokenizer]") {
    const auto& t = minilm();
    // Each ill-formed sequence becomes U+FFFD (TextDecoder), which the BERT normalizer drops.
    CHECK(t.token_ids("caf\xC3") == Ids{101, 24689, 102});
    CHECK(t.token_ids("x\xED\xA0\x80y") == Ids{101, 1060, 2100, 102});
    CHECK(t.token_ids("\xF0\x9F\x98" "A") == Ids{101, 1037, 102});
    CHECK(t.token_ids("\xC0\xAF\xFF") == Ids{101, 102});
    CHECK(t.token_ids(std::string("a\0b", 3)) == Ids{101, 11113, 102});  // NUL dropped: "ab"
}

TEST_CASE("WordPiece: vocab.txt gives the same ids as tokenizer.json", "[tokenizer]") {
    const auto from_vocab = bank::WordPieceTokenizer::from_files(model_file("vocab.txt"));
    REQUIRE(from_vocab.ok());
    for (const char* text : {"Hello, world!", "£1,000.50 APR 19.9%", "a [MASK] b", "Café 银行", ""}) {
        CHECK(from_vocab.value().token_ids(text) == minilm().token_ids(text));
    }
}

TEST_CASE("WordPiece: unusable files are load errors that name the problem", "[tokenizer]") {
    const auto empty = bank::WordPieceTokenizer::from_files("");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().file == "vocab.txt");
    CHECK(empty.error().message().find("[CLS]") != std::string::npos);

    const auto broken = bank::WordPieceTokenizer::from_files("{\n  \"model\": [1,\n");
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().file == "tokenizer.json");
    CHECK(broken.error().line == 3);

    const auto bpe = bank::WordPieceTokenizer::from_files(R"({"model": {"type": "BPE", "vocab": {}}})");
    REQUIRE_FALSE(bpe.ok());
    CHECK(bpe.error().message().find("WordPiece") != std::string::npos);
}

TEST_CASE("WordPiece: a field of the wrong JSON type is a load error, not an exception", "[tokenizer]") {
    const auto wrong = bank::WordPieceTokenizer::from_files(
        R"({"model": {"type": "WordPiece", "vocab": {"a": 0}, "unk_token": "a"},
            "normalizer": {"type": "BertNormalizer", "lowercase": "yes"}})");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().problem.find("unexpected type") != std::string::npos);
}
