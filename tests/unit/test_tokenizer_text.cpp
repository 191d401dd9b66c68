// The text building blocks under the tokenizers: UTF-8 decoding as TextDecoder does it, and the
// Unicode operations replicated from V8 (toLowerCase, NFD, NFC, \p{...}).
#include <catch2/catch.hpp>

#include <string>

#include "shared/text/tokenized_batch.h"
#include "shared/text/unicode.h"
#include "shared/text/utf8.h"

namespace {

std::u32string lower(std::u32string_view s) {
    std::u32string out;
    bank::unicode::to_lower(s, out);
    return out;
}
std::u32string nfd(std::u32string_view s) {
    std::u32string out;
    bank::unicode::nfd(s, out);
    return out;
}
std::u32string nfc(std::u32string_view s) {
    std::u32string out;
    bank::unicode::nfc(s, out);
    return out;
}

}  // namespace

TEST_CASE("UTF-8: one U+FFFD per maximal ill-formed subsequence", "[tokenizer]") {
    using bank::decode_utf8;
    CHECK(decode_utf8("a\xC3\xA9") == U"a\u00e9");
    CHECK(decode_utf8("\xF0\x9F\x98\x80") == U"\U0001F600");
    CHECK(decode_utf8("\xE2\x82") == U"\ufffd");               // truncated: one replacement
    CHECK(decode_utf8("\xF0\x9F\x98" "A") == U"\ufffd" "A");  // the breaking byte is read again
    CHECK(decode_utf8("\xED\xA0\x80") == U"\ufffd\ufffd\ufffd");  // surrogates are not UTF-8
    CHECK(decode_utf8("\xC0\xAF") == U"\ufffd\ufffd");          // overlong
    CHECK(decode_utf8("\xF4\x90\x80\x80") == U"\ufffd\ufffd\ufffd\ufffd");  // above U+10FFFF
    CHECK(decode_utf8(std::string("\0", 1)) == std::u32string(1, U'\0'));
}

TEST_CASE("UTF-8: what the loaders accept is what the tokenizers decode, and back", "[tokenizer][csv]") {
    // Every code point, and every 1-3 byte sequence: the checker and the decoder share one table.
    for (char32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x10000 ? 1 : 97)) {
        std::string bytes;
        bank::append_utf8(bytes, cp);
        const bool scalar = cp < 0xD800 || cp > 0xDFFF;
        REQUIRE(bank::utf8_sequence_length(bytes, 0) == (scalar ? bytes.size() : 3));
        REQUIRE(bank::decode_utf8(bytes) == std::u32string(1, scalar ? cp : U'\uFFFD'));
    }
    for (unsigned lead = 0x80; lead <= 0xFF; ++lead) {
        for (unsigned next = 0; next <= 0xFF; ++next) {
            const std::string bytes{static_cast<char>(lead), static_cast<char>(next), '\x80'};
            const std::size_t length = bank::utf8_sequence_length(bytes, 0);
            const std::u32string decoded = bank::decode_utf8(bytes.substr(0, length ? length : 1));
            REQUIRE((length > 0) == (decoded != U"\uFFFD"));
        }
    }
}

TEST_CASE("Unicode: toLowerCase with special casing and final sigma", "[tokenizer]") {
    CHECK(lower(U"HELLO Ünïcode") == U"hello ünïcode");
    CHECK(lower(U"\u0130") == U"i\u0307");
    CHECK(lower(U"\u0391\u03a3") == U"\u03b1\u03c2");              // final
    CHECK(lower(U"\u03a3") == U"\u03c3");                          // alone: not final
    CHECK(lower(U"\u0391\u03a3\u0391") == U"\u03b1\u03c3\u03b1");  // medial
    CHECK(lower(U"\u1E9E") == U"\u00df");
    CHECK(lower(U"\U00010400") == U"\U00010428");
}

TEST_CASE("Unicode: NFD and NFC, including reordering and Hangul", "[tokenizer]") {
    CHECK(nfd(U"\u00e9") == U"e\u0301");
    CHECK(nfc(U"e\u0301") == U"\u00e9");
    CHECK(nfd(U"e\u0301\u0323") == U"e\u0323\u0301");  // ccc 220 before 230
    CHECK(nfc(U"e\u0301\u0323") == U"\u1eb9\u0301");  // reordered, then e + dot below composes
    CHECK(nfc(U"e\u0323\u0302") == U"\u1ec7");
    CHECK(nfd(U"\ud55c") == U"\u1112\u1161\u11ab");
    CHECK(nfc(U"\u1112\u1161\u11ab") == U"\ud55c");
    CHECK(nfc(U"\u212b") == U"\u00c5");  // singleton
    CHECK(nfc(U"\u0958") == U"\u0915\u093c");  // composition exclusion
}

TEST_CASE("Unicode: properties as JavaScript regex classes see them", "[tokenizer]") {
    using namespace bank::unicode;
    CHECK(has_property(U'A', tables::kLetter));
    CHECK(has_property(U'\u4e2d', tables::kLetter));
    CHECK(has_property(U'\u0663', tables::kNumber));
    CHECK(has_property(U'\u00bd', tables::kNumber));
    CHECK(has_property(U'\u2019', tables::kPunctuation));
    CHECK_FALSE(has_property(U'$', tables::kPunctuation));  // Sc, not P
    CHECK(has_property(U'\u0301', tables::kNonspacingMark));
    CHECK(has_property(U'\u200b', tables::kControl));
    CHECK(has_property(U'\u0085', tables::kWhiteSpace));
    CHECK_FALSE(has_property(U'\u0085', tables::kJsSpace));
    CHECK(has_property(U'\ufeff', tables::kJsSpace));
    CHECK_FALSE(has_property(U'\ufeff', tables::kWhiteSpace));
    CHECK(properties(0x110000) == 0);
}

TEST_CASE("Truncation keeps the end token; packing pads on the right", "[tokenizer]") {
    std::vector<std::int32_t> ids{1, 5, 6, 7, 2};
    bank::text::truncate_keeping_end(ids, 3);
    CHECK(ids == std::vector<std::int32_t>{1, 5, 2});
    const bank::TokenizedBatch b = bank::text::pack_rows({{1, 2}, {1, 5, 2}}, 3, 9, true);
    CHECK(b.input_ids == std::vector<std::int64_t>{1, 2, 9, 1, 5, 2});
    CHECK(b.attention_mask == std::vector<std::int64_t>{1, 1, 0, 1, 1, 1});
    CHECK(b.token_type_ids == std::vector<std::int64_t>(6, 0));
}
