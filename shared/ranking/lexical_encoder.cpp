#include "shared/ranking/lexical_encoder.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

namespace bank {

namespace {

// Words that carry no product meaning, including the scaffolding words of the profile text
// ("Interested in", "Already has", "Goals:"), which would otherwise match any product that
// happens to use them.
const std::set<std::string>& stop_words() {
    static const std::set<std::string> words = {
        "a",       "an",     "and",   "are",        "as",   "at",       "be",     "by",    "for",      "from",
        "has",     "have",   "in",    "is",         "it",   "its",      "of",     "on",    "or",       "our",
        "the",     "their",  "them",  "they",       "this", "to",       "up",     "with",  "you",      "your",
        "already", "bought", "goals", "interested", "most", "recently", "spends", "works", "features", "what",
        "matters", "often",  "who",   "more",       "can",  "all"};
    return words;
}

// Character trigrams share a word's weight with the word itself: enough to match "travel" with
// "travelling" without letting common fragments outweigh whole words.
constexpr float kTrigramWeight = 0.5f;

std::uint32_t fnv1a(const std::string& s, std::uint32_t seed) {
    std::uint32_t h = 2166136261u ^ seed;
    for (unsigned char ch : s) {
        h ^= ch;
        h *= 16777619u;
    }
    return h;
}

// Lowercased ASCII words; bytes >= 0x80 stay inside words so accented and non-Latin text still
// forms features.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::string current;
    for (unsigned char ch : text) {
        const bool alnum =
            (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
        if (alnum) {
            current += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
        } else if (!current.empty()) {
            words.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

// Term frequencies by hashed feature bucket, and the buckets a text touched in the order it first
// touched them. Dense rather than a hash map: a profile text has hundreds of features, and a map
// node for each was most of the encoder's time when a banker's whole book is ranked. Each bucket
// adds up its terms in the text's order, as before.
struct Frequencies {
    std::vector<float> count;  // per bucket; every term adds a positive amount
    std::vector<std::uint32_t> touched;
    void add(std::uint32_t bucket, float amount) {
        if (count[bucket] == 0.0f) touched.push_back(bucket);
        count[bucket] += amount;
    }
};

Frequencies features_of(const std::string& text, std::size_t dim) {
    Frequencies tf{std::vector<float>(dim, 0.0f), {}};
    for (const std::string& word : words_of(text)) {
        if (stop_words().count(word) != 0) continue;
        tf.add(fnv1a(word, 0) % dim, 1.0f);
        const std::string padded = "^" + word + "$";
        const float per_gram = kTrigramWeight / static_cast<float>(padded.size() - 2);
        for (std::size_t i = 0; i + 3 <= padded.size(); ++i) {
            tf.add(fnv1a(padded.substr(i, 3), 0x9e3779b9u) % dim, per_gram);
        }
    }
    return tf;
}

}  // namespace

LexicalEncoder LexicalEncoder::fit(const std::vector<std::string>& documents, std::size_t dimension) {
    dimension = std::max<std::size_t>(dimension, 1);
    std::vector<float> document_frequency(dimension, 0.0f);
    for (const std::string& doc : documents) {
        for (std::uint32_t bucket : features_of(doc, dimension).touched) document_frequency[bucket] += 1.0f;
    }
    const float n = static_cast<float>(documents.size());
    std::vector<float> idf(dimension);
    for (std::size_t i = 0; i < dimension; ++i) {
        idf[i] = std::log((1.0f + n) / (1.0f + document_frequency[i])) + 1.0f;
    }
    return LexicalEncoder(std::move(idf));
}

void LexicalEncoder::encode_one(const std::string& text, float* out) const {
    const std::size_t dim = idf_.size();
    std::fill(out, out + dim, 0.0f);
    const Frequencies tf = features_of(text, dim);
    for (std::uint32_t bucket : tf.touched) {
        // Sublinear term frequency: a word repeated five times is not five times as relevant.
        out[bucket] = (1.0f + std::log(1.0f + tf.count[bucket])) * idf_[bucket];
    }
    l2_normalize(out, dim);
}

Checked<EmbeddingMatrix> LexicalEncoder::encode(const std::vector<std::string>& texts) const {
    EmbeddingMatrix m{label(), dimension(), std::vector<float>(texts.size() * dimension())};
    for (std::size_t i = 0; i < texts.size(); ++i) encode_one(texts[i], m.values.data() + i * dimension());
    return m;
}

}  // namespace bank
