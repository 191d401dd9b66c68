// Reading XGBoost JSON models: what is kept, and each fault named with the source, tree and node.
// The fixture tests/data/trees/two_trees.json is a hand-written XGBoost 1.7 model (XGBoost loads it);
// each fault below is one edit of it.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "shared/ranking/trees/tree_ensemble.h"
#include "test_tree_fixture.h"
#include "shared/ranking/trees/xgboost_json.h"

namespace {

using bank::parse_xgboost_model;
using bank::TreeLimits;
using nlohmann::json;

std::string fixture_text() { return bank::testing::two_trees_text(); }

json fixture() {
    return json::parse(fixture_text());
}

json& tree(json& model, int t) {
    return model["learner"]["gradient_booster"]["model"]["trees"][t];
}

std::string error_of(const json& model, const TreeLimits& limits = {}) {
    const auto result = parse_xgboost_model(model.dump(), "model.json", limits);
    REQUIRE_FALSE(result.ok());
    return result.error().message;
}

// A tree of `depth` levels below the root: every split's left child a leaf, its right child the
// next split, numbered as XGBoost numbers nodes (right = left + 1).
json chain_tree(int depth) {
    json model = fixture();
    json t = tree(model, 1);
    const int nodes = 2 * depth + 1;
    for (const char* field : {"left_children", "right_children", "parents", "split_indices", "split_type",
                              "default_left", "split_conditions", "base_weights", "loss_changes", "sum_hessian"})
        t[field] = json::array();
    for (int i = 0; i < nodes; ++i) {
        const bool split = i % 2 == 0 && i < nodes - 1;
        t["left_children"].push_back(split ? i + 1 : -1);
        t["right_children"].push_back(split ? i + 2 : -1);
        t["parents"].push_back(i == 0 ? 2147483647 : (i % 2 == 1 ? i - 1 : i - 2));
        for (const char* field : {"split_indices", "split_type", "default_left"}) t[field].push_back(0);
        t["split_conditions"].push_back(split ? 0.5 : 0.1);
        t["base_weights"].push_back(0.1);
        t["loss_changes"].push_back(0.0);
        t["sum_hessian"].push_back(1.0);
    }
    t["tree_param"]["num_nodes"] = std::to_string(nodes);
    return t;
}

}  // namespace

TEST_CASE("tree model: an XGBoost 1.7 model is read and flattened", "[trees]") {
    const auto result = parse_xgboost_model(fixture_text(), "two_trees.json");
    REQUIRE(result.ok());
    const bank::TreeEnsemble& m = result.value();
    CHECK(m.objective == bank::TreeObjective::kBinaryLogistic);
    CHECK(m.feature_count == 2);
    CHECK(m.group_count == 1);
    CHECK(m.base_score == 0.5f);
    CHECK(m.base_margin == 0.0f);  // logit of 0.5
    CHECK(m.feature_names == std::vector<std::string>{"balance", "tenure"});
    CHECK(m.attributes.at("product_model_version") == "test-1");
    REQUIRE(m.tree_count() == 2);
    CHECK(m.tree_begin == std::vector<std::int32_t>{0, 5, 8});
    CHECK(m.tree_depth == std::vector<int>{2, 1});
    // Children index the flat array: tree 1's root (node 5) splits into nodes 6 and 7.
    CHECK(m.nodes[5].left == 6);
    CHECK(m.nodes[5].right == 7);
    CHECK(m.nodes[7].value == -0.3f);
    CHECK(m.nodes[0].default_left);
    // Cover-weighted means of the leaves below: (0.2*4 + ((-0.1*2 + 0.4*4) / 6) * 6) / 10.
    CHECK(m.node_mean[0] == Approx(0.22f));
}

TEST_CASE("tree model: logistic base_score becomes a margin in float, as XGBoost computes it", "[trees]") {
    json model = fixture();
    model["learner"]["learner_model_param"]["base_score"] = "3E-1";
    const auto m = parse_xgboost_model(model.dump(), "x");
    REQUIRE(m.ok());
    CHECK(m.value().base_margin == -std::log(1.0f / 0.3f - 1.0f));
    CHECK(m.value().base_margin == -0.847297847f);  // XGBoost 1.7.4's own margin; double math gives -0.847297788

    model["learner"]["objective"]["name"] = "binary:logitraw";  // XGBoost keeps its base_score as the margin
    CHECK(parse_xgboost_model(model.dump(), "x").value().base_margin == 0.3f);
}

TEST_CASE("tree model: every fault names the source, and the tree and node where it lies", "[trees]") {
    json model = fixture();

    SECTION("not JSON") {
        CHECK(parse_xgboost_model("{\"learner\": ", "model.json").error().message == "model.json: is not JSON");
    }
    SECTION("JSON that is not an XGBoost model") {
        CHECK(error_of(json{{"weights", {1, 2}}}) ==
              "model.json: is not an XGBoost JSON model: no learner.gradient_booster");
    }
    SECTION("a NaN leaf, written as XGBoost writes it") {
        tree(model, 1)["split_conditions"][2] = 12345.5;
        std::string text = model.dump();
        text.replace(text.find("12345.5"), 7, "NaN");
        CHECK(parse_xgboost_model(text, "model.json").error().message ==
              "model.json: tree 1 node 2: leaf value is NaN");
    }
    SECTION("an infinite split condition") {
        tree(model, 0)["split_conditions"][2] = 1e39;  // beyond float
        CHECK(error_of(model) == "model.json: tree 0 node 2: split condition is infinite");
    }
    SECTION("a split on a feature the model does not have") {
        tree(model, 1)["split_indices"][0] = 2;
        CHECK(error_of(model) == "model.json: tree 1 node 0: splits on feature 2 but the model has 2 features");
    }
    SECTION("a child index out of range") {
        tree(model, 0)["left_children"][2] = 7;
        tree(model, 0)["right_children"][2] = 8;
        CHECK(error_of(model) == "model.json: tree 0 node 2: child 7 is out of range (the tree has 5 nodes)");
    }
    SECTION("a cycle") {
        tree(model, 0)["left_children"][2] = 0;
        tree(model, 0)["right_children"][2] = 1;
        CHECK(error_of(model) == "model.json: tree 0 node 0: is reached twice: the tree has a cycle or a shared child");
    }
    SECTION("children XGBoost would not find where they are") {
        tree(model, 0)["left_children"][0] = 2;
        tree(model, 0)["right_children"][0] = 1;
        CHECK_THAT(error_of(model),
                   Catch::StartsWith("model.json: tree 0 node 0: right child 1 does not follow left child 2"));
    }
    SECTION("a tree deeper than the limit") {
        tree(model, 1) = chain_tree(33);
        CHECK(error_of(model) == "model.json: tree 1: is deeper than the limit of 32 levels");
        tree(model, 1) = chain_tree(32);
        CHECK(parse_xgboost_model(model.dump(), "model.json").ok());
    }
    SECTION("more trees or nodes than the limits") {
        TreeLimits few_trees;
        few_trees.max_trees = 1;
        CHECK(error_of(model, few_trees) == "model.json: has 2 trees, more than the limit of 1");
        TreeLimits few_nodes;
        few_nodes.max_nodes = 7;
        CHECK(error_of(model, few_nodes) == "model.json: tree 1: takes the model past the limit of 7 nodes");
    }
    SECTION("a categorical split") {
        tree(model, 0)["split_type"][2] = 1;
        CHECK(error_of(model) ==
              "model.json: tree 0 node 2: is a categorical split; categorical features are not supported");
    }
    SECTION("an unknown objective") {
        model["learner"]["objective"]["name"] = "rank:pairwise";
        CHECK_THAT(error_of(model), Catch::StartsWith("model.json: objective 'rank:pairwise' is not supported"));
    }
    SECTION("dart and gblinear boosters") {
        model["learner"]["gradient_booster"]["name"] = "dart";
        CHECK_THAT(error_of(model), Catch::StartsWith("model.json: uses the dart booster"));
        model["learner"]["gradient_booster"] = {{"name", "gblinear"}, {"model", {{"weights", {0.1, 0.2}}}}};
        CHECK_THAT(error_of(model), Catch::StartsWith("model.json: uses the gblinear booster (a linear model)"));
    }
    SECTION("arrays of different lengths") {
        tree(model, 0)["sum_hessian"].erase(4);
        CHECK(error_of(model) == "model.json: tree 0: sum_hessian has 4 values but left_children has 5");
    }
    SECTION("a tree output beyond the classes") {
        model["learner"]["gradient_booster"]["model"]["tree_info"][1] = 1;
        CHECK(error_of(model) == "model.json: tree 1: tree_info gives an output outside 0..0");
    }
}

TEST_CASE("tree model: XGBoost's bare NaN and Infinity are read only outside strings", "[trees]") {
    const json j = bank::parse_xgboost_json(R"({"a": [NaN, -Infinity, 1.5], "b": "NaN and Infinity"})");
    REQUIRE_FALSE(j.is_discarded());
    float x = 0;
    CHECK((bank::xgboost_float(j["a"][0], x) && std::isnan(x)));
    CHECK((bank::xgboost_float(j["a"][1], x) && std::isinf(x) && x < 0));
    CHECK((bank::xgboost_float(j["a"][2], x) && x == 1.5f));
    CHECK(j["b"] == "NaN and Infinity");
    CHECK(bank::parse_xgboost_json(std::string(40, '[') + std::string(40, ']')).is_discarded());  // too deep
}
