// Byte-level BPE with an end-of-word suffix, as CLIP uses it: a word's UTF-8 bytes start as one
// symbol each (the last one carrying "</w>"), then the adjacent pair with the lowest merge rank
// is merged, leftmost first on ties, until no pair has a rank. Works on vocabulary ids rather
// than strings, which requires every byte symbol and every merge result to be in the vocabulary
// (checked by build). Words seen before come from a cache.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "shared/text/token_index.h"

namespace bank::text {

class BytePairEncoder {
public:
    // merges in rank order, each (left, right) in byte-level form ("Ġ" for a space byte, ...).
    // Returns nullopt and sets problem when the vocabulary cannot hold this BPE.
    static std::optional<BytePairEncoder> build(const TokenIndex& vocab,
                                                const std::vector<std::pair<std::string, std::string>>& merges,
                                                const std::string& end_of_word_suffix, std::string& problem);

    // Appends the ids of the BPE pieces of one pre-tokenized word (its UTF-8 bytes).
    void encode_word(std::string_view word, std::vector<std::int32_t>& ids) const;

private:
    struct Merge {
        std::int32_t rank;
        std::int32_t merged_id;
    };
    // (left id, right id) -> merge, open addressing over 64-bit keys.
    struct MergeTable {
        std::vector<std::uint64_t> keys;
        std::vector<Merge> values;
        void insert(std::int32_t left, std::int32_t right, Merge merge);
        const Merge* find(std::int32_t left, std::int32_t right) const;
    };
    struct Cache {
        std::mutex mutex;
        std::unordered_map<std::string, std::vector<std::int32_t>> words;
    };

    void merge_symbols(std::string_view word, std::vector<std::int32_t>& out) const;

    std::array<std::int32_t, 256> byte_ids_{};      // symbol of a byte inside a word
    std::array<std::int32_t, 256> final_byte_ids_{};  // symbol of a word's last byte ("x</w>")
    MergeTable merges_;
    std::unique_ptr<Cache> cache_ = std::make_unique<Cache>();
};

// GPT-2's printable stand-in for each byte (bytes that are printable Latin-1 stand for
// themselves, the others map to U+0100 and up), in UTF-8: the alphabet of byte-level vocabularies.
const std::array<std::string, 256>& byte_level_alphabet();

}  // namespace bank::text
