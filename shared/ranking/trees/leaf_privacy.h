// Publishing a tree model without publishing a person. A leaf's value is learned from the training
// rows that reach it; a leaf reached by one customer's rows is, in effect, a fact about that
// customer that anyone holding the model (every browser) can read. Before a model leaves the bank,
// every split with a child that fewer than k distinct customers reach is collapsed into a leaf,
// so every leaf rests on at least k customers.
//
// The collapsed leaf takes the value XGBoost itself gives a node it turns into a leaf (its pruner):
// the node's base weight times the learning rate. XGBoost 1.7 saves a split's base_weights entry
// without the learning rate and a grown leaf's with it (a leaf's base_weights entry equals its
// split_conditions entry), and the learning rate is not in the model file: the caller passes the
// one the model was trained with. With num_parallel_tree > 1 XGBoost divides it among the trees.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/ranking/checked.h"
#include "shared/ranking/trees/tree_ensemble.h"

namespace bank {

// The training rows: row-major, feature_count floats each (NaN = missing), and whose each row is.
// One customer may have several rows; they count once.
struct CustomerRows {
    const std::vector<float>& values;
    const std::vector<std::string>& customer_of_row;
};

struct LeafPrivacyOptions {
    std::size_t min_customers = 0;  // k
    float learning_rate = 0;        // eta the model was trained with
};

struct LeafPrivacyReport {
    std::size_t splits_collapsed = 0;
    std::size_t customers = 0;                       // distinct customers in the rows
    std::size_t fewest_customers_behind_a_leaf = 0;  // over every leaf of every tree, after pruning
};

struct PrivateTreeModel {
    nlohmann::json document;  // the model as XGBoost writes it, pruned trees renumbered compactly
    LeafPrivacyReport report;
};

// `document` is the model as XGBoost wrote it (parse_xgboost_json). The result loads in XGBoost
// and predicts with the pruned trees. An error when the rows cannot be scored by the model, or
// when fewer than k customers exist at all.
Checked<PrivateTreeModel> prune_for_leaf_privacy(const nlohmann::json& document, const CustomerRows& rows,
                                                 const LeafPrivacyOptions& options, std::string_view source_name);

// For a checker: the distinct customers behind every leaf the root reaches, tree after tree.
struct LeafCustomers {
    std::size_t tree = 0;
    std::int32_t node = 0;  // the node's index in its tree, as in the model file
    std::size_t customers = 0;
};
Checked<std::vector<LeafCustomers>> leaf_customer_counts(const TreeEnsemble& model, const CustomerRows& rows);

}  // namespace bank
