// Scoring with the two-tree fixture (tests/data/trees/two_trees.json), worked out by hand; XGBoost
// 1.7.4 gives the same margins for these rows.
//   tree 0: balance < 0.5 (missing: left) ? 0.2 : (tenure < 1 (missing: right) ? -0.1 : 0.4)
//   tree 1: tenure < 2 (missing: right) ? 0.05 : -0.3
//   base_score 0.5, binary:logistic: the sum starts from logit(0.5) = 0.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "shared/ranking/trees/tree_ensemble.h"
#include "test_tree_fixture.h"
#include "shared/ranking/trees/tree_predict.h"

namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

bank::TreeEnsemble two_trees() { return bank::testing::two_trees_model(); }

float margin(const bank::TreeEnsemble& m, std::vector<float> row) {
    float out = 0;
    bank::predict_margins(m, row.data(), &out);
    return out;
}

}  // namespace

TEST_CASE("tree predict: a two-tree model's margins, by hand", "[trees]") {
    const bank::TreeEnsemble m = two_trees();
    // Float sums in tree order, as XGBoost adds them.
    CHECK(margin(m, {0.0f, 0.0f}) == (0.0f + 0.2f) + 0.05f);
    CHECK(margin(m, {1.0f, 0.5f}) == (0.0f + -0.1f) + 0.05f);
    CHECK(margin(m, {1.0f, 3.0f}) == (0.0f + 0.4f) + -0.3f);
    CHECK(margin(m, {0.5f, 0.0f}) == (0.0f + -0.1f) + 0.05f);  // 0.5 < 0.5 is false: right
}

TEST_CASE("tree predict: a missing value follows the split's default direction", "[trees]") {
    const bank::TreeEnsemble m = two_trees();
    CHECK(margin(m, {kMissing, 3.0f}) == 0.2f + -0.3f);  // balance missing: left
    CHECK(margin(m, {1.0f, kMissing}) == 0.4f + -0.3f);  // tenure missing: right in both trees
}

TEST_CASE("tree predict: the logistic objective's sigmoid, clamped as XGBoost clamps it", "[trees]") {
    const bank::TreeEnsemble m = two_trees();
    const std::vector<float> row{0.0f, 0.0f};
    float p = 0;
    bank::predict(m, row.data(), &p);
    CHECK(p == Approx(1.0 / (1.0 + std::exp(-0.25))).epsilon(1e-6));

    float very_negative = -200.0f;
    bank::transform_margins(m, &very_negative);
    CHECK(very_negative > 0.0f);  // XGBoost's sigmoid never reaches 0: exp is capped at exp(88.7)
    CHECK(very_negative < 1e-38f);
}

TEST_CASE("tree predict: softmax over classes sums to one", "[trees]") {
    bank::TreeEnsemble m = two_trees();
    m.objective = bank::TreeObjective::kMultiSoftprob;
    m.group_count = 3;
    float margins[3] = {1.0f, 2.0f, 3.0f};
    bank::transform_margins(m, margins);
    CHECK(margins[0] + margins[1] + margins[2] == Approx(1.0f));
    CHECK(margins[2] == Approx(std::exp(3.0) / (std::exp(1.0) + std::exp(2.0) + std::exp(3.0))));
}

TEST_CASE("tree predict: a batch gives each row's single-row result", "[trees]") {
    const bank::TreeEnsemble m = two_trees();
    std::vector<float> rows;
    for (int r = 0; r < 200; ++r) {
        rows.push_back(r % 7 == 0 ? kMissing : static_cast<float>(r % 3) * 0.4f);
        rows.push_back(r % 5 == 0 ? kMissing : static_cast<float>(r % 4) * 0.9f);
    }
    std::vector<float> batch(200);
    bank::predict_batch(m, rows.data(), 200, batch.data());
    for (int r = 0; r < 200; ++r) {
        float one = 0;
        bank::predict(m, rows.data() + 2 * r, &one);
        REQUIRE(batch[r] == one);
    }
}
