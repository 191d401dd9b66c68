// How many distinct customers' rows reach each node of a tree model: the measure of how much a
// node's value says about particular people (see leaf_privacy.h).
#pragma once

#include <cstddef>
#include <vector>

#include "shared/ranking/checked.h"
#include "shared/ranking/trees/leaf_privacy.h"
#include "shared/ranking/trees/tree_ensemble.h"

namespace bank {

struct NodeCustomers {
    std::vector<std::size_t> per_node;  // indexed like TreeEnsemble::nodes
    std::size_t customers = 0;          // distinct customers in the rows
};

// An error when the rows do not fit the model (length, or one customer id per row).
Checked<NodeCustomers> count_node_customers(const TreeEnsemble& model, const CustomerRows& rows);

}  // namespace bank
