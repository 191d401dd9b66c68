// Random tree models for checking the fast scorers against the reference (tree_predict.h): used by
// the unit tests and by the same checks built to WebAssembly (tests/wasm/compiled_trees_test.cpp),
// where the compiled trees take another path.
#pragma once

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "shared/ranking/trees/compiled_trees.h"
#include "shared/ranking/trees/tree_ensemble.h"

namespace bank::testing {

// 40 random trees over `features` features and `groups` outputs, whose split values come from
// `split_values` (so that rows can sit exactly on one, on either zero, or be missing). Tree t is
// complete to depth levels[t % levels.size()], some of its leaves a level higher. Random leaves in
// [-1, 1] unless `leaf_value` is given.
inline TreeEnsemble random_trees(std::mt19937& rng, int features, int groups, const std::vector<float>& split_values,
                                 float base_margin = 0.25f, const float* leaf_value = nullptr,
                                 const std::vector<int>& levels = {4}) {
    TreeEnsemble m;
    m.feature_count = features;
    m.group_count = groups;
    m.base_margin = base_margin;
    std::uniform_real_distribution<float> leaf(-1.0f, 1.0f);
    for (int t = 0; t < 40; ++t) {
        const auto root = static_cast<std::int32_t>(m.nodes.size());
        const int depth = levels[static_cast<std::size_t>(t) % levels.size()];
        const int last_level = (1 << depth) - 1;          // the first slot of the last level
        const int level_above = (1 << (depth - 1)) - 1;  // the first slot of the level above it
        m.tree_begin.push_back(root);
        m.tree_group.push_back(t % groups);
        // Level by level: node i's children are 2i+1 and 2i+2 within the tree (right == left + 1).
        for (int i = 0; i < 2 * last_level + 1; ++i) {
            TreeNode n;
            if (i >= last_level || (i >= level_above && rng() % 4 == 0 && i % 2 == 1)) {
                n.value = leaf_value ? *leaf_value : leaf(rng);  // a leaf (some above the last level)
            } else {
                n.feature = static_cast<std::int32_t>(rng() % static_cast<unsigned>(features));
                n.value = split_values[rng() % split_values.size()];
                n.left = root + 2 * i + 1;
                n.right = n.left + 1;
                n.default_left = rng() % 2 == 0;
            }
            m.nodes.push_back(n);
        }
    }
    m.tree_begin.push_back(static_cast<std::int32_t>(m.nodes.size()));
    return m;
}

// Split values and row values that sit on one another, on either zero, at infinity or missing.
inline std::vector<float> awkward_split_values() {
    return {-0.0f, 0.0f, 0.5f, 1.5f, 1.5f, -3.0f, 7.25f, std::numeric_limits<float>::quiet_NaN()};
}
inline std::vector<float> awkward_row_values() {
    const float inf = std::numeric_limits<float>::infinity();
    return {-0.0f, 0.0f, 0.5f, 1.5f, -3.0f, 7.25f, 0.49999997f, 1.5000001f, inf, -inf,
            std::numeric_limits<float>::quiet_NaN(), 100.0f, -100.0f};
}

// Models over 6 features: one output, two outputs, sums of -0 only (a leaf that many rows reach
// adds to all sums at once, -0 to the others: a sum of -0 must stay -0, not become 0), and trees
// of mixed depths (those of depth 4 or less are laid out complete, level_trees.h; the others
// walked). kLaidOut: how many of each model's 40 trees are laid out.
inline std::vector<TreeEnsemble> awkward_models(std::mt19937& rng) {
    static const float negative_zero = -0.0f;
    const std::vector<float> splits = awkward_split_values();
    return {random_trees(rng, 6, 1, splits), random_trees(rng, 6, 2, splits),
            random_trees(rng, 6, 1, splits, -0.0f, &negative_zero),
            random_trees(rng, 6, 1, splits, 0.25f, nullptr, {4, 3, 6}),
            random_trees(rng, 6, 2, splits, 0.25f, nullptr, {5, 2})};
}
inline constexpr std::size_t kLaidOut[] = {40, 40, 40, 27, 20};

// 150 rows of 6 features; features f % shared_every == 0 hold one value in every row, the others
// vary row by row.
inline std::vector<float> rows_sharing(std::mt19937& rng, int shared_every) {
    const std::vector<float> values = awkward_row_values();
    std::vector<float> first(6), rows;
    for (float& v : first) v = values[rng() % values.size()];
    for (int r = 0; r < 150; ++r) {
        for (int f = 0; f < 6; ++f)
            rows.push_back(f % shared_every == 0 ? first[static_cast<std::size_t>(f)] : values[rng() % values.size()]);
    }
    return rows;
}

// The first 50 of `rows` as a customer's candidates: feature 5 a product's own (its value per
// product 0..49), each row a distinct product, the model compiled with the product masks.
struct ProductRows {
    CompiledTrees compiled;
    std::vector<int> products;
    std::vector<float> rows;
};
inline ProductRows rows_by_product(std::mt19937& rng, const TreeEnsemble& model, const std::vector<float>& rows) {
    const std::vector<float> values = awkward_row_values();
    const std::size_t n = 50;
    std::vector<std::vector<float>> by_product(6);
    for (std::size_t p = 0; p < n; ++p) by_product[5].push_back(values[rng() % values.size()]);
    ProductRows out{compile_trees(model), std::vector<int>(n),
                    std::vector<float>(rows.begin(), rows.begin() + static_cast<long>(n * 6))};
    compile_product_splits(out.compiled, by_product);
    for (std::size_t r = 0; r < n; ++r) {
        out.products[r] = static_cast<int>((r * 7) % n);
        out.rows[r * 6 + 5] = by_product[5][static_cast<std::size_t>(out.products[r])];
    }
    return out;
}

}  // namespace bank::testing
