// Pruning the two-tree fixture (tests/data/trees/two_trees.json) so every leaf rests on k = 2
// customers. Training rows, (balance, tenure), by customer:
//   A: (0, 0) and (0, 0.5)   B: (0, 3)   C: (1, 0.5)   D: (1, 3)   E: (1, 5)
// Tree 0: balance < 0.5 reaches A and B (A's two rows count once); its sibling split on tenure < 1
// reaches C alone on the left, so that split collapses into a leaf of learning rate x its base
// weight, 0.5 x 0.5. Tree 1 (tenure < 2: A, C | B, D, E) keeps its split.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "shared/ranking/trees/leaf_privacy.h"
#include "test_tree_fixture.h"
#include "shared/ranking/trees/tree_predict.h"
#include "shared/ranking/trees/xgboost_json.h"

namespace {

using nlohmann::json;

json two_trees() { return bank::parse_xgboost_json(bank::testing::two_trees_text()); }

const std::vector<float> kRows{0, 0, 0, 0.5f, 0, 3, 1, 0.5f, 1, 3, 1, 5};
const std::vector<std::string> kCustomers{"A", "A", "B", "C", "D", "E"};

bank::LeafPrivacyOptions options(std::size_t k) {
    bank::LeafPrivacyOptions o;
    o.min_customers = k;
    o.learning_rate = 0.5f;
    return o;
}

}  // namespace

TEST_CASE("leaf privacy: a leaf of one customer is collapsed, a leaf of k is kept", "[trees][privacy]") {
    const auto result = bank::prune_for_leaf_privacy(two_trees(), {kRows, kCustomers}, options(2), "model.json");
    REQUIRE(result.ok());
    const bank::LeafPrivacyReport& report = result.value().report;
    CHECK(report.splits_collapsed == 1);
    CHECK(report.customers == 5);
    CHECK(report.fewest_customers_behind_a_leaf == 2);

    // Tree 0 renumbered compactly: the root and two leaves, the second the collapsed split.
    const json& t0 = result.value().document["learner"]["gradient_booster"]["model"]["trees"][0];
    CHECK(t0["left_children"] == json({1, -1, -1}));
    CHECK(t0["right_children"] == json({2, -1, -1}));
    CHECK(t0["parents"] == json({2147483647, 0, 0}));
    CHECK(t0["split_conditions"][1] == 0.2);
    CHECK(t0["split_conditions"][2].get<float>() == 0.25f);
    CHECK(t0["base_weights"][2].get<float>() == 0.25f);
    CHECK(t0["sum_hessian"][2] == 6.0);
    CHECK(t0["loss_changes"][2] == 0.0);
    CHECK(t0["tree_param"]["num_nodes"] == "3");
    const json& t1 = result.value().document["learner"]["gradient_booster"]["model"]["trees"][1];
    CHECK(t1["left_children"] == json({1, -1, -1}));

    // The pruned model reads back and scores with the new leaf.
    const auto pruned = bank::xgboost_model_from_json(result.value().document, "pruned");
    REQUIRE(pruned.ok());
    const std::vector<float> row{1.0f, 0.5f};
    float margin = 0;
    bank::predict_margins(pruned.value(), row.data(), &margin);
    CHECK(margin == 0.25f + 0.05f);

    const auto leaves = bank::leaf_customer_counts(pruned.value(), {kRows, kCustomers});
    REQUIRE(leaves.ok());
    REQUIRE(leaves.value().size() == 4);
    CHECK(leaves.value()[0].tree == 0);
    CHECK(leaves.value()[0].node == 1);
    CHECK(leaves.value()[0].customers == 2);  // A (two rows) and B
    CHECK(leaves.value()[1].customers == 3);  // C, D, E behind the collapsed leaf
}

TEST_CASE("leaf privacy: with k = 1 nothing changes", "[trees][privacy]") {
    const json original = two_trees();
    const auto result = bank::prune_for_leaf_privacy(original, {kRows, kCustomers}, options(1), "model.json");
    REQUIRE(result.ok());
    CHECK(result.value().report.splits_collapsed == 0);
    CHECK(result.value().report.fewest_customers_behind_a_leaf == 1);
    CHECK(result.value().document["learner"]["gradient_booster"]["model"]["trees"][0]["left_children"] ==
          original["learner"]["gradient_booster"]["model"]["trees"][0]["left_children"]);
}

TEST_CASE("leaf privacy: what cannot be pruned is an error", "[trees][privacy]") {
    SECTION("fewer customers than k") {
        const auto r = bank::prune_for_leaf_privacy(two_trees(), {kRows, kCustomers}, options(6), "model.json");
        CHECK_THAT(r.error().message, Catch::StartsWith("model.json: only 5 distinct customers"));
    }
    SECTION("rows that do not match the customer ids") {
        const std::vector<std::string> five{"A", "A", "B", "C", "D"};
        const auto r = bank::prune_for_leaf_privacy(two_trees(), {kRows, five}, options(2), "model.json");
        CHECK_THAT(r.error().message,
                   Catch::Contains("the training rows hold 12 values, expected 5 rows of 2 features"));
    }
    SECTION("no learning rate") {
        auto o = options(2);
        o.learning_rate = 0;
        const auto r = bank::prune_for_leaf_privacy(two_trees(), {kRows, kCustomers}, o, "model.json");
        CHECK(r.error().message == "model.json: the learning rate must be positive");
    }
    SECTION("not a model") {
        const auto r = bank::prune_for_leaf_privacy(json::object(), {kRows, kCustomers}, options(2), "model.json");
        CHECK_THAT(r.error().message, Catch::Contains("not an XGBoost JSON model"));
    }
}
