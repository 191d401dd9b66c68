// One tree of an XGBoost JSON model: read, checked and appended to a flattened ensemble.
// Used by the model reader (tree_ensemble.cpp); separate because a tree is where almost every
// check lives.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "shared/ranking/trees/tree_ensemble.h"

namespace bank {

// What is wrong with a tree; node is -1 when the fault is the tree's, not one node's.
struct TreeFault {
    int node = -1;
    std::string what;
    bool ok() const { return what.empty(); }
};

// Appends the tree's nodes, cover, node means and depth to `ensemble` (tree_begin, tree_group are
// the caller's). Nodes the root never reaches (XGBoost's deleted nodes) become inert leaves.
TreeFault append_xgboost_tree(const nlohmann::json& tree, const TreeLimits& limits, TreeEnsemble& ensemble);

}  // namespace bank
