// The learned model's text similarity over a whole book reads the products' lexical vectors by word
// bucket, only their non-zero values (propensity_features.h ProductWords). The model was trained on
// the dense dot products, so every value must be those bit for bit: for every bundled customer's
// profile, for profiles with negative, tiny and huge weights, and for a profile holding infinity or
// NaN, where the zero terms the index leaves out are not zero (0 x infinity is NaN).
#include <catch2/catch.hpp>

#include <cstring>
#include <limits>
#include <random>

#include "shared/data/loaders.h"
#include "shared/profile/profile_text.h"
#include "shared/profile/spending.h"
#include "shared/ranking/lexical_encoder.h"
#include "shared/ranking/product_text.h"
#include "shared/ranking/propensity/propensity_features.h"
#include "tests/unit/test_bundled_bank.h"
#include "tests/unit/test_dense_similarity.h"

namespace {

std::vector<float> dense(const bank::EmbeddingMatrix& m, const std::vector<float>& profile) {
    return bank::testing::dense_similarities(m, profile.data(), profile.size());
}

void require_same_bits(const std::vector<float>& got, const std::vector<float>& want) {
    REQUIRE(got.size() == want.size());
    for (std::size_t p = 0; p < want.size(); ++p) {
        INFO("product " << p << ": " << got[p] << " vs " << want[p]);
        REQUIRE(std::memcmp(&got[p], &want[p], sizeof(float)) == 0);
    }
}

}  // namespace

TEST_CASE("product words: the book's text similarities are the dense dot products, bit for bit",
          "[ranking][lexical]") {
    const bank::Dataset& data = bank::testing::bundled_dataset();
    const std::vector<std::string> documents = bank::testing::bundled_product_texts();
    const bank::LexicalEncoder encoder = bank::LexicalEncoder::fit(documents);
    auto products = encoder.encode(documents);
    REQUIRE(products.ok());
    const bank::EmbeddingMatrix& m = products.value();
    const bank::ProductWords words = bank::product_words(m);
    CHECK(words.value.size() < m.values.size() / 10);  // the point: few non-zero values

    const bank::SpendingByCustomer& spending = bank::testing::bundled_spending();
    const std::vector<bank::CategorySpend> none;
    std::vector<float> profile(encoder.dimension());
    std::vector<std::uint32_t> nonzero;
    for (const bank::Customer& c : data.customers) {
        const auto found = spending.find(c.id);
        encoder.encode_one(bank::profile_text(c, found == spending.end() ? none : found->second, data.catalog),
                           profile.data(), &nonzero);
        INFO("customer " << c.id);
        const std::vector<float> want = dense(m, profile);
        require_same_bits(bank::lexical_similarities(words, profile.data(), nonzero), want);  // as the device does
        require_same_bits(bank::lexical_similarities(words, profile.data()), want);
        require_same_bits(bank::lexical_similarities(m, profile.data()), want);
    }

    std::mt19937 rng(11);
    std::uniform_real_distribution<float> weight(-2.0f, 2.0f);
    for (int round = 0; round < 20; ++round) {
        std::fill(profile.begin(), profile.end(), 0.0f);
        for (int k = 0; k < 200; ++k) profile[rng() % profile.size()] = weight(rng) * (round % 3 == 0 ? 1e-30f : 1.0f);
        require_same_bits(bank::lexical_similarities(words, profile.data()), dense(m, profile));
    }
    for (float odd : {std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN()}) {
        encoder.encode_one(documents.front(), profile.data());
        profile[7] = odd;  // a bucket most products leave at zero
        require_same_bits(bank::lexical_similarities(words, profile.data()), dense(m, profile));
    }
}
