// A gradient-boosted tree model as XGBoost 1.7 saves it in JSON, checked and flattened for scoring.
// Models are trained offline with XGBoost and scored here, natively and in the browser, so the
// reader must refuse anything it would score differently from XGBoost (categorical splits, dart,
// unknown objectives) and anything that could make scoring crash or loop (child indices out of
// range, cycles, unbounded depth), naming the source, tree and node.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/ranking/checked.h"

namespace bank {

enum class TreeObjective {
    kBinaryLogistic,   // binary:logistic: sigmoid of the margin
    kRegLogistic,      // reg:logistic: the same
    kBinaryLogitRaw,   // binary:logitraw: the margin
    kRegSquaredError,  // reg:squarederror: the margin
    kMultiSoftprob,    // multi:softprob: softmax over the classes
    kMultiSoftmax,     // multi:softmax: the per-class margins (XGBoost itself returns their argmax)
};

// The largest score (margin) a model may reach for any row: far beyond any trained model's
// log-odds, far enough below float's range (3.4e38) that no sum or softmax of scores overflows.
inline constexpr double kLargestScore = 1e30;

// Bounds on what a model may hold, so a hostile file cannot exhaust memory or the stack.
struct TreeLimits {
    int max_depth = 32;  // levels below the root
    std::size_t max_trees = 10000;
    std::size_t max_nodes = 4'000'000;  // all trees together
};

// One node. Children index TreeEnsemble::nodes directly (not the tree), so scoring never adds
// offsets; a leaf has left == right == -1.
struct TreeNode {
    float value = 0;           // a split's condition (x < value goes left) or a leaf's value
    std::int32_t feature = 0;  // the split's feature index
    std::int32_t left = -1;
    std::int32_t right = -1;
    bool default_left = false;  // where a missing (NaN) feature value goes
    bool is_leaf() const { return left < 0; }
};

// The child of split `node` that `row` goes to: XGBoost's rule, the one place it is written.
// The reader guarantees right == left + 1 (XGBoost's own assumption), which lets the choice be
// arithmetic instead of a branch the processor would mispredict half the time.
inline std::int32_t child_taken(const TreeNode& node, const float* row) {
    const float x = row[node.feature];
    const bool right = std::isnan(x) ? !node.default_left : !(x < node.value);  // NaN: missing
    return node.left + static_cast<std::int32_t>(right);
}

struct TreeEnsemble {
    std::string source_name;
    std::string objective_name;
    TreeObjective objective = TreeObjective::kRegSquaredError;
    int feature_count = 0;                          // values per row
    int group_count = 1;                            // outputs per row: num_class for multi:*, else 1
    float base_score = 0;                           // as saved (a probability for the logistic objectives)
    float base_margin = 0;                          // what XGBoost starts every output's sum from
    std::vector<std::string> feature_names;         // empty when the model has none
    std::map<std::string, std::string> attributes;  // learner.attributes, kept as saved

    std::vector<TreeNode> nodes;           // every tree's nodes in XGBoost's order, tree after tree
    std::vector<float> node_cover;         // sum_hessian of each node (TreeSHAP's weights)
    std::vector<float> node_mean;          // cover-weighted mean of the leaves below each node
    std::vector<std::int32_t> tree_begin;  // tree t's nodes are [tree_begin[t], tree_begin[t+1]), root first
    std::vector<std::int32_t> tree_group;  // the output each tree adds to
    std::vector<int> tree_depth;           // deepest leaf of each tree, the root being level 0

    std::size_t tree_count() const { return tree_group.size(); }
};

// Reads XGBoost's JSON model text (NaN and Infinity as XGBoost writes them included).
// Errors start with source_name: "<source>: tree 12 node 5: leaf value is NaN".
Checked<TreeEnsemble> parse_xgboost_model(std::string_view json_text, std::string_view source_name,
                                          const TreeLimits& limits = {});

// The same from a parsed document (parse_xgboost_json), for callers that also edit it.
Checked<TreeEnsemble> xgboost_model_from_json(const nlohmann::json& document, std::string_view source_name,
                                              const TreeLimits& limits = {});

}  // namespace bank
