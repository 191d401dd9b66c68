// A TreeEnsemble laid out for scoring one customer's candidate rows fast, with exactly the sums of
// predict_margins_batch (tree_predict.h): every row adds the same leaf of every tree, in tree
// order, in float.
//
// A customer's candidate rows differ only in the product columns, so a tree is not walked once per
// row: the rows go down it together as a set (one bit per row), and each split divides the set.
// Before the trees, each feature a split reads is placed among that feature's split values, once
// per block, giving for each split value the set of rows below it: a feature all the rows share
// (the customer's own: income, holdings, spending) with one search, a feature of the product alone
// (its popularity, its category) from sets worked out once per model (compile_product_splits),
// and what the customer and the product make together (co-ownership, text similarity) row by row.
// A split then divides its set with two lookups and no comparison, and each row adds the leaf it
// reached. Trees of depth 4 or less (the trainer's) go further: laid out complete, the sets at
// every split and each row's leaf are worked out without a branch (level_trees.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "shared/ranking/trees/level_trees.h"
#include "shared/ranking/trees/tree_ensemble.h"

namespace bank {

struct CompiledTrees {
    struct Node {
        float condition = 0;       // x < condition goes left
        std::int32_t feature = 0;
        std::int32_t left = 0;     // the left child; right is left + 1 (tree_ensemble.h)
        std::int32_t default_left = 0;
        // The condition's index in `thresholds`; a NaN condition (no value is below it) has
        // thresholds.size(); a leaf -1.
        std::int32_t threshold = -1;
        bool leaf = false;
    };
    std::vector<Node> nodes;                  // as TreeEnsemble::nodes, same indices
    std::vector<float> leaf_value;            // per node; a split's is unused
    std::vector<std::int32_t> tree_root;      // per tree
    std::vector<std::int32_t> tree_group;     // per tree
    int feature_count = 0;
    int group_count = 1;
    float base_margin = 0;
    // Each feature's distinct split conditions, ascending, feature after feature: feature f's are
    // [threshold_begin[f], threshold_begin[f + 1]). A block's rows are placed among them once per
    // feature, so a split on what differs from row to row divides the set without comparing rows.
    std::vector<float> thresholds;
    std::vector<std::int32_t> threshold_begin;  // feature_count + 1
    std::vector<std::int32_t> split_features;   // the features some split reads, ascending
    // The trees of depth 4 or less, laid out complete; per tree its index here, or -1 (walked).
    // Their slots under a leaf point at thresholds.size() + 1, whose set is every row.
    std::vector<LevelTree> level_trees;
    std::vector<std::int32_t> level_tree_of;
    // For the features of the product alone (compile_product_splits; empty until then): per split
    // value, bit p set when product p's value is below it (products 0-63); per feature, the
    // products whose value is missing; and which features these are.
    std::vector<std::uint64_t> product_below;
    std::vector<std::uint64_t> product_missing;
    std::vector<unsigned char> product_feature;

    bool empty() const { return tree_root.empty(); }
};

CompiledTrees compile_trees(const TreeEnsemble& model);

// `product_values[f]`: the value of feature f for each product (at most 64 products), when it
// depends on the product alone; empty for every other feature. Call after compile_trees.
void compile_product_splits(CompiledTrees& trees, const std::vector<std::vector<float>>& product_values);

// predict_margins_batch's margins for `row_count` rows (row-major, feature_count floats each).
// `product_of_row`, when given, names each row's product (distinct, below 64): the splits on a
// product's own features then use their masks.
void predict_margins_compiled(const CompiledTrees& trees, const float* rows, std::size_t row_count, float* out,
                              const int* product_of_row = nullptr);

}  // namespace bank
