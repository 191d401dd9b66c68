// The learned model's text similarity (propensity_features.h lexical_similarities) skips the
// profile's empty buckets and runs four products side by side; the model was trained on the dense
// dot product, so every value must be that one bit for bit, for every bundled customer's profile.
#include <catch2/catch.hpp>

#include <cstring>

#include "shared/data/loaders.h"
#include "shared/profile/profile_text.h"
#include "shared/profile/spending.h"
#include "shared/ranking/lexical_encoder.h"
#include "shared/ranking/product_text.h"
#include "shared/ranking/propensity/propensity_features.h"
#include "tests/unit/test_bundled_bank.h"
#include "tests/unit/test_dense_similarity.h"

TEST_CASE("lexical similarity: the sparse, four-at-a-time sums are the dense dot products", "[ranking][lexical]") {
    const bank::Dataset& data = bank::testing::bundled_dataset();
    const std::vector<std::string> documents = bank::testing::bundled_product_texts();
    const bank::LexicalEncoder encoder = bank::LexicalEncoder::fit(documents);
    auto products = encoder.encode(documents);
    REQUIRE(products.ok());
    const bank::EmbeddingMatrix& m = products.value();
    const bank::SpendingByCustomer& spending = bank::testing::bundled_spending();
    const std::vector<bank::CategorySpend> none;

    std::vector<float> profile(encoder.dimension());
    for (const bank::Customer& c : data.customers) {
        const auto found = spending.find(c.id);
        const std::string text = bank::profile_text(c, found == spending.end() ? none : found->second, data.catalog);
        encoder.encode_one(text, profile.data());
        const std::vector<float> fast = bank::lexical_similarities(m, profile.data());
        const std::vector<float> from_text = bank::lexical_similarities(encoder, m, text);
        const std::vector<float> dense = bank::testing::dense_similarities(m, profile.data(), profile.size());
        REQUIRE(fast.size() == m.rows());
        for (std::size_t p = 0; p < m.rows(); ++p) {
            INFO("customer " << c.id << ", product " << p);
            REQUIRE(fast[p] == dense[p]);
            REQUIRE(std::memcmp(&fast[p], &from_text[p], sizeof(float)) == 0);
        }
    }
}
