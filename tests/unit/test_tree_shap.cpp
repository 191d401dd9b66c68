// TreeSHAP on the two-tree fixture (tests/data/trees/two_trees.json). The reference values are
// XGBoost 1.7.4's pred_contribs for the same model and rows; the bias is the base margin (0) plus
// each tree's cover-weighted mean leaf: 0.22 + (0.05*7 - 0.3*3) / 10 = 0.165.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "shared/ranking/trees/tree_ensemble.h"
#include "test_tree_fixture.h"
#include "shared/ranking/trees/tree_predict.h"
#include "shared/ranking/trees/tree_shap.h"

namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

bank::TreeEnsemble two_trees() { return bank::testing::two_trees_model(); }

std::vector<float> shap(const bank::TreeEnsemble& m, const std::vector<float>& row) {
    std::vector<float> out(bank::shap_value_count(m));
    bank::shap_contributions(m, row.data(), out.data());
    return out;
}

}  // namespace

TEST_CASE("tree SHAP: one value per feature and the bias, as XGBoost computes them", "[trees]") {
    const bank::TreeEnsemble m = two_trees();
    REQUIRE(bank::shap_value_count(m) == 3);
    const std::vector<float> a = shap(m, {0.0f, 0.0f});
    CHECK(a[0] == Approx(0.08f).margin(1e-7));
    CHECK(a[1] == Approx(0.005f).margin(1e-7));
    CHECK(a[2] == Approx(0.165f).margin(1e-7));
    const std::vector<float> b = shap(m, {1.0f, kMissing});
    CHECK(b[0] == Approx(0.04666666f).margin(1e-7));
    CHECK(b[1] == Approx(-0.11166669f).margin(1e-7));
}

TEST_CASE("tree SHAP: the values sum to the margin", "[trees]") {
    const bank::TreeEnsemble m = two_trees();
    for (const std::vector<float>& row : std::vector<std::vector<float>>{
             {0.0f, 0.0f}, {kMissing, 3.0f}, {1.0f, kMissing}, {1.0f, 0.5f}, {kMissing, kMissing}, {7.0f, 1.5f}}) {
        const std::vector<float> values = shap(m, row);
        float margin = 0;
        bank::predict_margins(m, row.data(), &margin);
        CHECK(values[0] + values[1] + values[2] == Approx(margin).margin(1e-6));
    }
}

TEST_CASE("tree SHAP: a feature no tree splits on gets nothing", "[trees]") {
    bank::TreeEnsemble m = two_trees();
    // Tree 1 alone on tenure: its share is its leaf minus its mean, 0.05 - (-0.055).
    m.tree_begin = {5, 8};
    m.tree_group = {0};
    m.tree_depth = {1};
    const std::vector<float> values = shap(m, {123.0f, 0.0f});
    CHECK(values[0] == 0.0f);
    CHECK(values[1] == Approx(0.105f).margin(1e-7));
    CHECK(values[2] == Approx(-0.055f).margin(1e-7));
}
