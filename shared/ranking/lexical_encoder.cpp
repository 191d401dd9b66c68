#include "shared/ranking/lexical_encoder.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace bank {

namespace {

// Words that carry no product meaning, including the scaffolding words of the profile text
// ("Interested in", "Already has", "Goals:"), which would otherwise match any product that
// happens to use them.
bool is_stop_word(std::string_view word) {
    static const std::unordered_set<std::string_view> words = {
        "a",       "an",     "and",   "are",        "as",   "at",       "be",     "by",    "for",      "from",
        "has",     "have",   "in",    "is",         "it",   "its",      "of",     "on",    "or",       "our",
        "the",     "their",  "them",  "they",       "this", "to",       "up",     "with",  "you",      "your",
        "already", "bought", "goals", "interested", "most", "recently", "spends", "works", "features", "what",
        "matters", "often",  "who",   "more",       "can",  "all"};
    return words.count(word) != 0;
}

// Character trigrams share a word's weight with the word itself: enough to match "travel" with
// "travelling" without letting common fragments outweigh whole words.
constexpr float kTrigramWeight = 0.5f;

std::uint32_t fnv1a(const char* s, std::size_t n, std::uint32_t seed) {
    std::uint32_t h = 2166136261u ^ seed;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(s[i]);
        h *= 16777619u;
    }
    return h;
}

// Calls add(bucket, amount) for each feature of the text in the text's order: each word (lowercased
// ASCII; bytes >= 0x80 stay inside words so accented and non-Latin text still forms features)
// that is no stop word, then its character trigrams. One buffer for every word: a banker's book
// encodes a profile per customer.
template <class Add>
void each_feature(const std::string& text, std::size_t dim, Add&& add) {
    std::string padded = "^";  // "^word$"
    const auto word_ends = [&] {
        const std::size_t length = padded.size() - 1;
        if (length == 0) return;
        if (!is_stop_word(std::string_view(padded.data() + 1, length))) {
            add(static_cast<std::uint32_t>(fnv1a(padded.data() + 1, length, 0) % dim), 1.0f);
            padded += '$';
            const float per_gram = kTrigramWeight / static_cast<float>(padded.size() - 2);
            for (std::size_t i = 0; i + 3 <= padded.size(); ++i) {
                add(static_cast<std::uint32_t>(fnv1a(padded.data() + i, 3, 0x9e3779b9u) % dim), per_gram);
            }
        }
        padded.resize(1);
    };
    for (unsigned char ch : text) {
        const bool alnum =
            (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
        if (alnum) {
            padded += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
        } else {
            word_ends();
        }
    }
    word_ends();
}

// Term frequencies by hashed feature bucket, in `count` (dim values, zero to start with), and the
// buckets the text touched, ascending. Dense rather than a hash map: a profile text has hundreds
// of features, and a map node for each was most of the encoder's time when a banker's whole book
// is ranked. Each bucket adds up its terms in the text's order.
std::vector<std::uint32_t> count_features(const std::string& text, std::size_t dim, float* count) {
    std::vector<std::uint64_t> seen((dim + 63) / 64, 0);
    each_feature(text, dim, [&](std::uint32_t bucket, float amount) {
        seen[bucket / 64] |= std::uint64_t{1} << (bucket % 64);
        count[bucket] += amount;
    });
    std::vector<std::uint32_t> touched;
    for (std::size_t w = 0; w < seen.size(); ++w) {
        for (std::uint64_t bits = seen[w]; bits != 0; bits &= bits - 1)
            touched.push_back(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))));
    }
    return touched;
}

// l2_normalize (embedding.h) of a vector that is zero outside `touched` (ascending), bit for bit:
// its sum of squares adds the same values in the same order, the zeros adding exact zeros, and a
// zero stays zero when scaled by a finite factor.
void l2_normalize_sparse(float* v, std::size_t n, const std::vector<std::uint32_t>& touched) {
    double sum = 0;
    for (std::uint32_t i : touched) sum += static_cast<double>(v[i]) * v[i];
    if (sum <= 0) return;
    const float inv = static_cast<float>(1.0 / std::sqrt(sum));
    if (!std::isfinite(inv)) return l2_normalize(v, n);  // then zeros do change (0 x infinity)
    for (std::uint32_t i : touched) v[i] *= inv;
}

}  // namespace

LexicalEncoder LexicalEncoder::fit(const std::vector<std::string>& documents, std::size_t dimension) {
    dimension = std::max<std::size_t>(dimension, 1);
    std::vector<float> document_frequency(dimension, 0.0f);
    std::vector<float> count(dimension);
    for (const std::string& doc : documents) {
        std::fill(count.begin(), count.end(), 0.0f);
        for (std::uint32_t bucket : count_features(doc, dimension, count.data())) document_frequency[bucket] += 1.0f;
    }
    const float n = static_cast<float>(documents.size());
    std::vector<float> idf(dimension);
    for (std::size_t i = 0; i < dimension; ++i) {
        idf[i] = std::log((1.0f + n) / (1.0f + document_frequency[i])) + 1.0f;
    }
    return LexicalEncoder(std::move(idf));
}

void LexicalEncoder::encode_one(const std::string& text, float* out, std::vector<std::uint32_t>* nonzero) const {
    const std::size_t dim = idf_.size();
    std::fill(out, out + dim, 0.0f);
    std::vector<std::uint32_t> touched = count_features(text, dim, out);  // the counts, then the weights
    for (std::uint32_t bucket : touched) {
        // Sublinear term frequency: a word repeated five times is not five times as relevant.
        out[bucket] = (1.0f + std::log(1.0f + out[bucket])) * idf_[bucket];
    }
    l2_normalize_sparse(out, dim, touched);
    if (nonzero) *nonzero = std::move(touched);
}

Checked<EmbeddingMatrix> LexicalEncoder::encode(const std::vector<std::string>& texts) const {
    EmbeddingMatrix m{label(), dimension(), std::vector<float>(texts.size() * dimension())};
    for (std::size_t i = 0; i < texts.size(); ++i) encode_one(texts[i], m.values.data() + i * dimension());
    return m;
}

}  // namespace bank
