#include "shared/text/byte_pair_encoder.h"

#include <queue>

#include "shared/text/utf8.h"

namespace bank::text {
namespace {

constexpr std::uint64_t kEmptyKey = ~std::uint64_t{0};
// Words this long or longer are not cached (transformers.js's limit) and the cache is emptied
// when it reaches kCacheCapacity entries: caching never changes a result, only the time.
constexpr std::size_t kMaxCachedWordBytes = 256;
constexpr std::size_t kCacheCapacity = 10000;

std::uint64_t pair_key(std::int32_t left, std::int32_t right) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(left)) << 32) | static_cast<std::uint32_t>(right);
}

std::size_t slot_of(std::uint64_t key, std::size_t mask) {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;
}

}  // namespace

const std::array<std::string, 256>& byte_level_alphabet() {
    static const std::array<std::string, 256> alphabet = [] {
        std::array<std::string, 256> a;
        char32_t next_unprintable = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            append_utf8(a[b], printable ? static_cast<char32_t>(b) : next_unprintable++);
        }
        return a;
    }();
    return alphabet;
}

void BytePairEncoder::MergeTable::insert(std::int32_t left, std::int32_t right, Merge merge) {
    const std::uint64_t key = pair_key(left, right);
    const std::size_t mask = keys.size() - 1;
    std::size_t s = slot_of(key, mask);
    while (keys[s] != kEmptyKey && keys[s] != key) s = (s + 1) & mask;
    keys[s] = key;
    values[s] = merge;  // a repeated pair takes its last rank, as transformers.js's Map does
}

const BytePairEncoder::Merge* BytePairEncoder::MergeTable::find(std::int32_t left, std::int32_t right) const {
    if (keys.empty()) return nullptr;
    const std::uint64_t key = pair_key(left, right);
    const std::size_t mask = keys.size() - 1;
    for (std::size_t s = slot_of(key, mask); keys[s] != kEmptyKey; s = (s + 1) & mask) {
        if (keys[s] == key) return &values[s];
    }
    return nullptr;
}

std::optional<BytePairEncoder> BytePairEncoder::build(const TokenIndex& vocab,
                                                      const std::vector<std::pair<std::string, std::string>>& merges,
                                                      const std::string& end_of_word_suffix, std::string& problem) {
    BytePairEncoder bpe;
    const auto& alphabet = byte_level_alphabet();
    for (int b = 0; b < 256; ++b) {
        bpe.byte_ids_[b] = vocab.find(alphabet[b]);
        bpe.final_byte_ids_[b] = vocab.find(alphabet[b], end_of_word_suffix);
        if (bpe.byte_ids_[b] < 0 || bpe.final_byte_ids_[b] < 0) {
            problem = "lacks the byte symbol '" + alphabet[b] + "' or '" + alphabet[b] + end_of_word_suffix + "'";
            return std::nullopt;
        }
    }
    std::size_t capacity = 1024;
    while (capacity < merges.size() * 2) capacity *= 2;
    bpe.merges_.keys.assign(capacity, kEmptyKey);
    bpe.merges_.values.assign(capacity, Merge{0, 0});
    for (std::size_t rank = 0; rank < merges.size(); ++rank) {
        const auto& [left, right] = merges[rank];
        const std::int32_t l = vocab.find(left), r = vocab.find(right), m = vocab.find(left, right);
        if (l < 0 || r < 0 || m < 0) {
            problem = "has merge " + std::to_string(rank) + " '" + left + " " + right +
                      "' whose parts or result are not in the vocabulary";
            return std::nullopt;
        }
        bpe.merges_.insert(l, r, Merge{static_cast<std::int32_t>(rank), m});
    }
    return bpe;
}

void BytePairEncoder::encode_word(std::string_view word, std::vector<std::int32_t>& ids) const {
    if (word.empty()) return;
    const bool cacheable = word.size() < kMaxCachedWordBytes;
    if (cacheable) {
        std::lock_guard<std::mutex> lock(cache_->mutex);
        const auto hit = cache_->words.find(std::string(word));
        if (hit != cache_->words.end()) {
            ids.insert(ids.end(), hit->second.begin(), hit->second.end());
            return;
        }
    }
    std::vector<std::int32_t> pieces;
    merge_symbols(word, pieces);
    ids.insert(ids.end(), pieces.begin(), pieces.end());
    if (cacheable) {
        std::lock_guard<std::mutex> lock(cache_->mutex);
        if (cache_->words.size() >= kCacheCapacity) cache_->words.clear();
        cache_->words.emplace(std::string(word), std::move(pieces));
    }
}

// A min-heap of candidate merges keyed by (rank, position); an entry is stale once either symbol
// changed, which shows as the pair at that position no longer having that rank.
void BytePairEncoder::merge_symbols(std::string_view word, std::vector<std::int32_t>& out) const {
    const std::size_t n = word.size();
    std::vector<std::int32_t> id(n), next(n), prev(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto byte = static_cast<unsigned char>(word[i]);
        id[i] = i + 1 == n ? final_byte_ids_[byte] : byte_ids_[byte];
        next[i] = i + 1 < n ? static_cast<std::int32_t>(i + 1) : -1;
        prev[i] = static_cast<std::int32_t>(i) - 1;
    }
    using Candidate = std::pair<std::int32_t, std::int32_t>;  // (rank, position)
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> queue;
    const auto consider = [&](std::int32_t pos) {
        if (pos < 0 || next[pos] < 0) return;
        if (const Merge* m = merges_.find(id[pos], id[next[pos]])) queue.push({m->rank, pos});
    };
    for (std::size_t i = 0; i + 1 < n; ++i) consider(static_cast<std::int32_t>(i));
    while (!queue.empty()) {
        const auto [rank, pos] = queue.top();
        queue.pop();
        if (id[pos] < 0 || next[pos] < 0) continue;
        const Merge* m = merges_.find(id[pos], id[next[pos]]);
        if (m == nullptr || m->rank != rank) continue;
        const std::int32_t right = next[pos];
        id[pos] = m->merged_id;
        id[right] = -1;
        next[pos] = next[right];
        if (next[pos] >= 0) prev[next[pos]] = pos;
        consider(prev[pos]);
        consider(pos);
    }
    for (std::int32_t i = 0; i >= 0; i = next[i]) out.push_back(id[i]);
}

}  // namespace bank::text
