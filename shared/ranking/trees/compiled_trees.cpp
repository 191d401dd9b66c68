#include "shared/ranking/trees/compiled_trees.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace bank {
namespace {

// Rows scored together: one bit each in a 64-bit set (predict_margins_batch's block size too).
constexpr std::size_t kRowBlock = 64;
constexpr std::size_t kMaxProducts = 64;

// child_taken's rule (tree_ensemble.h): NaN is missing and takes the default direction.
inline bool goes_left(const CompiledTrees::Node& node, float x) {
    return std::isnan(x) ? node.default_left != 0 : x < node.condition;
}

// Features whose value is bit for bit the same in every row of the block (NaN included): a split
// on one of them sends every row the same way.
void find_shared(const float* rows, std::size_t row_count, std::size_t width, std::vector<unsigned char>& shared) {
    shared.assign(width, 1);
    for (std::size_t r = 1; r < row_count; ++r) {
        const float* row = rows + r * width;
        for (std::size_t f = 0; f < width; ++f) {
            if (shared[f] && std::memcmp(&row[f], &rows[f], sizeof(float)) != 0) shared[f] = 0;
        }
    }
}

// The block's rows as the bits of a set: bit r for row r, or, when the rows' products are known
// (all distinct, below 64), bit p for the row of product p, so that a product's own splits can
// divide the set with their masks.
struct Slots {
    std::uint64_t all = 0;
    int row_of[64] = {};
    bool by_product = false;
};

Slots slots_for(std::size_t row_count, const int* product_of_row, bool have_masks) {
    Slots s;
    if (product_of_row && have_masks) {
        s.by_product = true;
        for (std::size_t r = 0; r < row_count && s.by_product; ++r) {
            const int p = product_of_row[r];
            const std::uint64_t bit = std::uint64_t{1} << (p & 63);
            if (p < 0 || p >= static_cast<int>(kMaxProducts) || (s.all & bit)) s.by_product = false;
            s.all |= bit;
            s.row_of[p & 63] = static_cast<int>(r);
        }
        if (s.by_product) return s;
        s = Slots{};
    }
    for (std::size_t r = 0; r < row_count; ++r) s.row_of[r] = static_cast<int>(r);
    s.all = row_count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << row_count) - 1;
    return s;
}

// Which of the rows in `in` go left at a split, comparing row by row.
std::uint64_t going_left(const CompiledTrees::Node& node, const float* block, std::size_t width, std::uint64_t in,
                         const Slots& slots) {
    std::uint64_t left = 0;
    for (; in != 0; in &= in - 1) {
        const int slot = __builtin_ctzll(in);
        const std::size_t row = static_cast<std::size_t>(slots.row_of[slot]);
        left |= static_cast<std::uint64_t>(goes_left(node, block[row * width + static_cast<std::size_t>(node.feature)])) << slot;
    }
    return left;
}

// One tree over the rows of a block, all at once; each row adds the leaf it reaches to its sum,
// `sums[slot * groups]`.
void score_tree(const CompiledTrees& trees, std::int32_t root, const float* block, std::size_t width,
                const std::vector<unsigned char>& shared, const Slots& slots, float* sums, std::size_t groups) {
    struct Visit {
        std::int32_t node;
        std::uint64_t rows;
    };
    Visit stack[2 * 34];  // depth <= TreeLimits::max_depth: one pending sibling per level
    int top = 0;
    stack[top++] = {root, slots.all};
    while (top > 0) {
        const Visit v = stack[--top];
        const CompiledTrees::Node& node = trees.nodes[v.node];
        if (node.leaf) {
            const float value = trees.leaf_value[v.node];
            for (std::uint64_t in = v.rows; in != 0; in &= in - 1) sums[static_cast<std::size_t>(__builtin_ctzll(in)) * groups] += value;
            continue;
        }
        if (shared[node.feature]) {  // every row alike: the first row decides
            stack[top++] = {goes_left(node, block[node.feature]) ? node.left : node.left + 1, v.rows};
            continue;
        }
        const std::uint64_t left = slots.by_product && trees.splits_by_product[v.node]
                                       ? v.rows & trees.product_left[v.node]
                                       : going_left(node, block, width, v.rows, slots);
        if (v.rows & ~left) stack[top++] = {node.left + 1, v.rows & ~left};
        if (left) stack[top++] = {node.left, left};
    }
}

}  // namespace

CompiledTrees compile_trees(const TreeEnsemble& model) {
    CompiledTrees c;
    c.feature_count = model.feature_count;
    c.group_count = model.group_count;
    c.base_margin = model.base_margin;
    c.tree_root.assign(model.tree_begin.begin(), model.tree_begin.begin() + static_cast<long>(model.tree_count()));
    c.tree_group = model.tree_group;
    c.nodes.resize(model.nodes.size());
    c.leaf_value.resize(model.nodes.size(), 0.0f);
    for (std::size_t i = 0; i < model.nodes.size(); ++i) {
        const TreeNode& n = model.nodes[i];
        if (n.is_leaf()) {
            c.nodes[i].leaf = true;
            c.leaf_value[i] = n.value;
        } else {
            c.nodes[i] = {n.value, n.feature, n.left, n.default_left ? 1 : 0, false};
        }
    }
    return c;
}

void compile_product_splits(CompiledTrees& trees, const std::vector<std::vector<float>>& product_values) {
    trees.product_left.clear();
    trees.splits_by_product.clear();
    if (product_values.size() != static_cast<std::size_t>(trees.feature_count)) return;
    for (const std::vector<float>& values : product_values) {
        if (values.size() > kMaxProducts) return;
    }
    trees.product_left.assign(trees.nodes.size(), 0);
    trees.splits_by_product.assign(trees.nodes.size(), 0);
    for (std::size_t i = 0; i < trees.nodes.size(); ++i) {
        const CompiledTrees::Node& node = trees.nodes[i];
        if (node.leaf || product_values[node.feature].empty()) continue;
        const std::vector<float>& values = product_values[node.feature];
        for (std::size_t p = 0; p < values.size(); ++p) {
            if (goes_left(node, values[p])) trees.product_left[i] |= std::uint64_t{1} << p;
        }
        trees.splits_by_product[i] = 1;
    }
}

void predict_margins_compiled(const CompiledTrees& trees, const float* rows, std::size_t row_count, float* out,
                              const int* product_of_row) {
    const std::size_t groups = static_cast<std::size_t>(trees.group_count);
    const std::size_t width = static_cast<std::size_t>(trees.feature_count);
    std::vector<unsigned char> shared;
    std::vector<float> sums(kRowBlock * groups);  // by slot: no row lookup per leaf
    for (std::size_t first = 0; first < row_count; first += kRowBlock) {
        const std::size_t last = std::min(row_count, first + kRowBlock);
        const float* block = rows + first * width;
        find_shared(block, last - first, width, shared);
        const Slots slots = slots_for(last - first, product_of_row ? product_of_row + first : nullptr,
                                      !trees.product_left.empty());
        std::fill(sums.begin(), sums.end(), trees.base_margin);
        for (std::size_t t = 0; t < trees.tree_root.size(); ++t) {
            const std::size_t group = static_cast<std::size_t>(trees.tree_group[t]);
            score_tree(trees, trees.tree_root[t], block, width, shared, slots, sums.data() + group, groups);
        }
        for (std::uint64_t in = slots.all; in != 0; in &= in - 1) {
            const int slot = __builtin_ctzll(in);
            const std::size_t row = first + static_cast<std::size_t>(slots.row_of[slot]);
            std::copy_n(sums.begin() + static_cast<long>(slot) * static_cast<long>(groups), groups, out + row * groups);
        }
    }
}

}  // namespace bank
