// The lexical encoder counts a text's features without a string per word or trigram and
// normalises only the buckets the text touched (a banker's book encodes a profile per customer).
// The learned model was trained on its vectors, so every value must be bit for bit what the
// straightforward encoder below gives: words split into strings, a dense count, l2_normalize over
// every bucket. The IDFs come from LexicalEncoder::fit, checked the same way through the vector
// of a text holding every word once (its weights are the IDFs, up to the normalisation).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "shared/data/loaders.h"
#include "shared/profile/profile_text.h"
#include "shared/profile/spending.h"
#include "shared/ranking/embedding.h"
#include "shared/ranking/lexical_encoder.h"
#include "shared/ranking/product_text.h"
#include "tests/unit/test_bundled_bank.h"

namespace {

// The encoder as it was written before (2026-12-06), kept as the reference.
namespace reference {

const std::set<std::string>& stop_words() {
    static const std::set<std::string> words = {
        "a",       "an",     "and",   "are",        "as",   "at",       "be",     "by",    "for",      "from",
        "has",     "have",   "in",    "is",         "it",   "its",      "of",     "on",    "or",       "our",
        "the",     "their",  "them",  "they",       "this", "to",       "up",     "with",  "you",      "your",
        "already", "bought", "goals", "interested", "most", "recently", "spends", "works", "features", "what",
        "matters", "often",  "who",   "more",       "can",  "all"};
    return words;
}

std::uint32_t fnv1a(const std::string& s, std::uint32_t seed) {
    std::uint32_t h = 2166136261u ^ seed;
    for (unsigned char ch : s) {
        h ^= ch;
        h *= 16777619u;
    }
    return h;
}

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

struct Frequencies {
    std::vector<float> count;
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
        const float per_gram = 0.5f / static_cast<float>(padded.size() - 2);
        for (std::size_t i = 0; i + 3 <= padded.size(); ++i) tf.add(fnv1a(padded.substr(i, 3), 0x9e3779b9u) % dim, per_gram);
    }
    return tf;
}

std::vector<float> idf_of(const std::vector<std::string>& documents, std::size_t dimension) {
    std::vector<float> document_frequency(dimension, 0.0f);
    for (const std::string& doc : documents)
        for (std::uint32_t bucket : features_of(doc, dimension).touched) document_frequency[bucket] += 1.0f;
    const float n = static_cast<float>(documents.size());
    std::vector<float> idf(dimension);
    for (std::size_t i = 0; i < dimension; ++i) idf[i] = std::log((1.0f + n) / (1.0f + document_frequency[i])) + 1.0f;
    return idf;
}

std::vector<float> encode(const std::vector<float>& idf, const std::string& text) {
    std::vector<float> out(idf.size(), 0.0f);
    const Frequencies tf = features_of(text, idf.size());
    for (std::uint32_t bucket : tf.touched) out[bucket] = (1.0f + std::log(1.0f + tf.count[bucket])) * idf[bucket];
    bank::l2_normalize(out.data(), out.size());
    return out;
}

}  // namespace reference

void require_same_bits(const std::vector<float>& got, const std::vector<float>& want, const std::string& text) {
    REQUIRE(got.size() == want.size());
    for (std::size_t d = 0; d < want.size(); ++d) {
        INFO("text '" << text << "', bucket " << d);
        REQUIRE(std::memcmp(&got[d], &want[d], sizeof(float)) == 0);
    }
}

}  // namespace

TEST_CASE("lexical encoder: every profile and product vector is the straightforward encoder's, bit for bit",
          "[ranking][lexical]") {
    const bank::Dataset& data = bank::testing::bundled_dataset();
    const std::vector<std::string> documents = bank::testing::bundled_product_texts();
    const bank::LexicalEncoder encoder = bank::LexicalEncoder::fit(documents);
    const std::vector<float> idf = reference::idf_of(documents, encoder.dimension());

    std::vector<std::string> texts = documents;
    const bank::SpendingByCustomer& spending = bank::testing::bundled_spending();
    const std::vector<bank::CategorySpend> none;
    for (const bank::Customer& c : data.customers) {
        const auto found = spending.find(c.id);
        texts.push_back(bank::profile_text(c, found == spending.end() ? none : found->second, data.catalog));
    }
    // Words longer than a short string, accented and non-Latin bytes, stop words only, no words,
    // digits, repeated words, punctuation at both ends.
    texts.insert(texts.end(), {"", "   ", "the and of", "Interested in: travel, TRAVEL, travelling!",
                               "supercalifragilisticexpialidocious internationalisation", "Café Zürich ёлка 東京",
                               "2024 401k 529-plan", "...mortgage...", "a", "x"});

    std::vector<float> got(encoder.dimension());
    std::vector<std::uint32_t> nonzero;
    for (const std::string& text : texts) {
        encoder.encode_one(text, got.data(), &nonzero);
        const std::vector<float> want = reference::encode(idf, text);
        require_same_bits(got, want, text);
        // The buckets it names: ascending, and every non-zero value among them.
        std::vector<std::uint32_t> want_nonzero;
        for (std::size_t d = 0; d < want.size(); ++d)
            if (want[d] != 0.0f) want_nonzero.push_back(static_cast<std::uint32_t>(d));
        CHECK(nonzero == want_nonzero);
    }
    // A text with every word of the catalog: its vector carries every IDF the catalog touched.
    std::string all;
    for (const std::string& d : documents) all += d + " ";
    encoder.encode_one(all, got.data());
    require_same_bits(got, reference::encode(idf, all), "every catalog word");
}
