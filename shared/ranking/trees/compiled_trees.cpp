#include "shared/ranking/trees/compiled_trees.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace bank {
namespace {

// Rows scored together: one bit each in a 64-bit set (predict_margins_batch's block size too).
constexpr std::size_t kRowBlock = 64;
constexpr std::size_t kMaxProducts = 64;

// Features whose value is bit for bit the same in every row of the block (NaN included): a split
// on one of them sends every row the same way. The bits that differ from the first row are
// gathered as integers, which the compiler does several features at a time.
void find_shared(const float* rows, std::size_t row_count, std::size_t width, std::vector<std::uint32_t>& differs,
                 std::vector<unsigned char>& shared) {
    differs.assign(width, 0);
    std::vector<std::uint32_t> first(width);
    std::memcpy(first.data(), rows, width * sizeof(float));
    for (std::size_t r = 1; r < row_count; ++r) {
        const float* row = rows + r * width;
        for (std::size_t f = 0; f < width; ++f) {
            std::uint32_t bits = 0;
            std::memcpy(&bits, &row[f], sizeof bits);
            differs[f] |= bits ^ first[f];
        }
    }
    shared.resize(width);
    for (std::size_t f = 0; f < width; ++f) shared[f] = differs[f] == 0;
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

// How many of the ascending `values` are not above x (std::upper_bound's index), with no branch
// per step: where a row's value falls is what the processor cannot predict. x is not NaN.
inline std::size_t count_not_above(const float* values, std::size_t n, float x) {
    if (n == 0) return 0;
    const float* base = values;
    while (n > 1) {
        const std::size_t half = n / 2;
        base += base[half] <= x ? half : 0;
        n -= half;
    }
    return static_cast<std::size_t>(base - values) + (*base <= x ? 1 : 0);
}

// Which rows of a block go left at every split, worked out once per block and feature: the rows
// whose value is below each of the feature's split values, and those where it is missing. A split
// then divides its rows with two lookups, whatever its feature.
struct SplitSets {
    std::vector<std::uint64_t> below;    // per split value (CompiledTrees::thresholds), then none, then all
    std::vector<std::uint64_t> missing;  // per feature
};

// A feature every row shares: its value is below the split values from the first one above it on.
void place_shared(const CompiledTrees& trees, std::size_t f, float x, std::uint64_t all, SplitSets& sets) {
    const float* begin = trees.thresholds.data() + trees.threshold_begin[f];
    const float* end = trees.thresholds.data() + trees.threshold_begin[f + 1];
    std::uint64_t* below = sets.below.data() + trees.threshold_begin[f];
    const bool missing = std::isnan(x);
    const std::size_t count = static_cast<std::size_t>(end - begin);
    const std::size_t first_above = missing ? count : count_not_above(begin, count, x);
    std::fill(below, below + first_above, 0);
    std::fill(below + first_above, below + (end - begin), all);
    sets.missing[f] = missing ? all : 0;
}

// A feature of the product alone, with the rows by product: the sets compile_product_splits made.
void place_by_product(const CompiledTrees& trees, std::size_t f, SplitSets& sets) {
    const std::size_t begin = static_cast<std::size_t>(trees.threshold_begin[f]);
    const std::size_t end = static_cast<std::size_t>(trees.threshold_begin[f + 1]);
    std::copy(trees.product_below.begin() + static_cast<long>(begin), trees.product_below.begin() + static_cast<long>(end),
              sets.below.begin() + static_cast<long>(begin));
    sets.missing[f] = trees.product_missing[f];
}

// Any other feature, row by row: a row's value is placed among the split values (one search).
void place_rows(const CompiledTrees& trees, std::size_t f, const float* block, std::size_t width, const Slots& slots,
                SplitSets& sets) {
    const std::size_t begin = static_cast<std::size_t>(trees.threshold_begin[f]);
    const std::size_t end = static_cast<std::size_t>(trees.threshold_begin[f + 1]);
    const float* values = trees.thresholds.data();
    std::uint64_t* below = sets.below.data();
    std::fill(below + begin, below + end, 0);
    std::uint64_t missing = 0;
    for (std::uint64_t in = slots.all; in != 0; in &= in - 1) {
        const int slot = __builtin_ctzll(in);
        const float x = block[static_cast<std::size_t>(slots.row_of[slot]) * width + f];
        const std::uint64_t bit = std::uint64_t{1} << slot;
        if (std::isnan(x)) {
            missing |= bit;
            continue;
        }
        // The first split value above x: x is below it and every later one.
        const std::size_t first_above = begin + count_not_above(values + begin, end - begin, x);
        if (first_above < end) below[first_above] |= bit;
    }
    for (std::size_t j = begin + 1; j < end; ++j) below[j] |= below[j - 1];
    sets.missing[f] = missing;
}

void place_block(const CompiledTrees& trees, const float* block, std::size_t row_count, const Slots& slots,
                 std::vector<unsigned char>& shared, SplitSets& sets) {
    const std::size_t width = static_cast<std::size_t>(trees.feature_count);
    thread_local std::vector<std::uint32_t> differs;
    find_shared(block, row_count, width, differs, shared);
    for (const std::int32_t feature : trees.split_features) {
        const std::size_t f = static_cast<std::size_t>(feature);
        if (shared[f]) {
            place_shared(trees, f, block[f], slots.all, sets);
        } else if (slots.by_product && trees.product_feature[f]) {
            place_by_product(trees, f, sets);
        } else {
            place_rows(trees, f, block, width, slots, sets);
        }
    }
    // Where splits on a NaN condition point (no value is below NaN), then the level trees' every row.
    sets.below[trees.thresholds.size()] = 0;
    sets.below[trees.thresholds.size() + 1] = ~std::uint64_t{0};
}

// A leaf reached by this many of a block's rows adds its value to all 64 sums at once, -0 (which
// adds nothing: x + -0 is x, bit for bit, for every x) where a row did not reach it; fewer rows
// add one by one.
constexpr int kDenseLeaf = 12;

// popcount(rows) >= kDenseLeaf, counted in the register (the x86-64 baseline has no popcount
// instruction, and the library's costs a call per leaf).
inline bool at_least_dense(std::uint64_t rows) {
    rows -= (rows >> 1) & 0x5555555555555555ull;
    rows = (rows & 0x3333333333333333ull) + ((rows >> 2) & 0x3333333333333333ull);
    rows = (rows + (rows >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return static_cast<int>((rows * 0x0101010101010101ull) >> 56) >= kDenseLeaf;
}

void add_to_set(float* sums, std::uint64_t rows, float value) {
    static const std::uint32_t bit[32] = {
        1u << 0,  1u << 1,  1u << 2,  1u << 3,  1u << 4,  1u << 5,  1u << 6,  1u << 7,  1u << 8,  1u << 9,  1u << 10,
        1u << 11, 1u << 12, 1u << 13, 1u << 14, 1u << 15, 1u << 16, 1u << 17, 1u << 18, 1u << 19, 1u << 20, 1u << 21,
        1u << 22, 1u << 23, 1u << 24, 1u << 25, 1u << 26, 1u << 27, 1u << 28, 1u << 29, 1u << 30, 1u << 31};
    const std::uint32_t half[2] = {static_cast<std::uint32_t>(rows), static_cast<std::uint32_t>(rows >> 32)};
    std::uint32_t value_bits = 0;
    std::memcpy(&value_bits, &value, sizeof value_bits);
    std::uint32_t addend_bits[64];  // selected as integers, so that the compiler does it without branches
    for (int h = 0; h < 2; ++h) {
        for (int s = 0; s < 32; ++s) {
            const std::uint32_t reached = 0u - static_cast<std::uint32_t>((half[h] & bit[s]) != 0);
            addend_bits[32 * h + s] = (value_bits & reached) | (0x80000000u & ~reached);  // value, or -0
        }
    }
    float addend[64];
    std::memcpy(addend, addend_bits, sizeof addend);
    for (int s = 0; s < 64; ++s) sums[s] += addend[s];
}

// One tree over the rows of a block, all at once: the rows go down together, a split dividing
// them, and each row adds the leaf it reaches to its sum, `sums[slot * groups]`.
void score_tree(const CompiledTrees& trees, std::int32_t root, std::uint64_t all, const SplitSets& sets, float* sums,
                std::size_t groups) {
    struct Visit {
        std::int32_t node;
        std::uint64_t rows;
    };
    Visit stack[2 * 34];  // depth <= TreeLimits::max_depth: at most one pending sibling per level
    int top = 0;
    std::int32_t at = root;
    std::uint64_t rows = all;
    const CompiledTrees::Node* nodes = trees.nodes.data();
    const std::uint64_t* below = sets.below.data();
    const std::uint64_t* missing = sets.missing.data();
    for (;;) {
        const CompiledTrees::Node& node = nodes[at];
        if (node.leaf) {
            const float value = trees.leaf_value[static_cast<std::size_t>(at)];
            if (groups == 1 && at_least_dense(rows)) {
                add_to_set(sums, rows, value);
                rows = 0;
            } else if (groups == 1) {
                for (; rows != 0; rows &= rows - 1) sums[__builtin_ctzll(rows)] += value;
            } else {
                for (; rows != 0; rows &= rows - 1) sums[static_cast<std::size_t>(__builtin_ctzll(rows)) * groups] += value;
            }
            if (top == 0) return;
            --top;
            at = stack[top].node;
            rows = stack[top].rows;
            continue;
        }
        const std::uint64_t left =
            rows & (below[node.threshold] | (missing[node.feature] & (std::uint64_t{0} - static_cast<std::uint64_t>(node.default_left))));
        const std::uint64_t right = rows & ~left;
        if (left == 0) {
            at = node.left + 1;
        } else {
            if (right != 0) stack[top++] = {node.left + 1, right};
            at = node.left;
            rows = left;
        }
    }
}

// Every feature's distinct split conditions, ascending, and each split's place among them. A NaN
// condition sends no value left (x < NaN is false): it points at the empty set after the others.
void index_split_values(CompiledTrees& c) {
    std::vector<std::vector<float>> by_feature(static_cast<std::size_t>(c.feature_count));
    std::vector<unsigned char> split_on(by_feature.size(), 0);
    for (const CompiledTrees::Node& n : c.nodes) {
        if (n.leaf) continue;
        split_on[static_cast<std::size_t>(n.feature)] = 1;
        if (!std::isnan(n.condition)) by_feature[static_cast<std::size_t>(n.feature)].push_back(n.condition);
    }
    c.threshold_begin.assign(1, 0);
    for (std::size_t f = 0; f < by_feature.size(); ++f) {
        std::vector<float>& values = by_feature[f];
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());  // -0 and 0 compare alike
        if (split_on[f]) c.split_features.push_back(static_cast<std::int32_t>(f));
        c.thresholds.insert(c.thresholds.end(), values.begin(), values.end());
        c.threshold_begin.push_back(static_cast<std::int32_t>(c.thresholds.size()));
    }
    for (CompiledTrees::Node& n : c.nodes) {
        if (n.leaf) continue;
        if (std::isnan(n.condition)) {
            n.threshold = static_cast<std::int32_t>(c.thresholds.size());
            continue;
        }
        const float* begin = c.thresholds.data() + c.threshold_begin[static_cast<std::size_t>(n.feature)];
        const float* end = c.thresholds.data() + c.threshold_begin[static_cast<std::size_t>(n.feature) + 1];
        n.threshold = static_cast<std::int32_t>(std::lower_bound(begin, end, n.condition) - c.thresholds.data());
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
            c.nodes[i] = {n.value, n.feature, n.left, n.default_left ? 1 : 0, -1, false};
        }
    }
    index_split_values(c);
    const auto every_row = static_cast<std::int32_t>(c.thresholds.size()) + 1;
    for (const std::int32_t root : c.tree_root) {
        LevelTree tree;
        const bool laid_out = lay_out_level_tree(c, root, every_row, tree);
        c.level_tree_of.push_back(laid_out ? static_cast<std::int32_t>(c.level_trees.size()) : -1);
        if (laid_out) c.level_trees.push_back(tree);
    }
    c.product_feature.assign(static_cast<std::size_t>(c.feature_count), 0);
    return c;
}

void compile_product_splits(CompiledTrees& trees, const std::vector<std::vector<float>>& product_values) {
    trees.product_below.clear();
    trees.product_missing.clear();
    std::fill(trees.product_feature.begin(), trees.product_feature.end(), 0);
    if (product_values.size() != static_cast<std::size_t>(trees.feature_count)) return;
    for (const std::vector<float>& values : product_values) {
        if (values.size() > kMaxProducts) return;
    }
    trees.product_below.assign(trees.thresholds.size(), 0);
    trees.product_missing.assign(product_values.size(), 0);
    for (std::size_t f = 0; f < product_values.size(); ++f) {
        const std::vector<float>& values = product_values[f];
        if (values.empty()) continue;
        trees.product_feature[f] = 1;
        for (std::size_t p = 0; p < values.size(); ++p) {
            const std::uint64_t bit = std::uint64_t{1} << p;
            if (std::isnan(values[p])) {
                trees.product_missing[f] |= bit;
                continue;
            }
            for (auto j = trees.threshold_begin[f]; j < trees.threshold_begin[f + 1]; ++j) {
                if (values[p] < trees.thresholds[static_cast<std::size_t>(j)]) trees.product_below[static_cast<std::size_t>(j)] |= bit;
            }
        }
    }
}

void predict_margins_compiled(const CompiledTrees& trees, const float* rows, std::size_t row_count, float* out,
                              const int* product_of_row) {
    const std::size_t groups = static_cast<std::size_t>(trees.group_count);
    // Scratch for every call a thread makes (a book calls once per customer); each block writes
    // every value it reads.
    thread_local std::vector<unsigned char> shared;
    thread_local SplitSets sets;
    thread_local std::vector<float> sums;  // by slot: no row lookup per leaf
    sets.below.resize(trees.thresholds.size() + 2);
    // At least one: a level tree's slots under a leaf read feature 0 (and ignore it).
    sets.missing.resize(std::max<std::size_t>(1, static_cast<std::size_t>(trees.feature_count)));
    sums.resize(kRowBlock * groups);
    const std::size_t width = static_cast<std::size_t>(trees.feature_count);
    for (std::size_t first = 0; first < row_count; first += kRowBlock) {
        const std::size_t last = std::min(row_count, first + kRowBlock);
        const float* block = rows + first * width;
        const Slots slots = slots_for(last - first, product_of_row ? product_of_row + first : nullptr,
                                      !trees.product_below.empty());
        place_block(trees, block, last - first, slots, shared, sets);
        std::fill(sums.begin(), sums.end(), trees.base_margin);
        for (std::size_t t = 0; t < trees.tree_root.size(); ++t) {
            const std::size_t group = static_cast<std::size_t>(trees.tree_group[t]);
            const std::int32_t level_tree = trees.level_tree_of[t];
            if (level_tree >= 0) {
                score_level_tree(trees.level_trees[static_cast<std::size_t>(level_tree)], slots.all, sets.below.data(),
                                 sets.missing.data(), sums.data() + group, groups);
            } else {
                score_tree(trees, trees.tree_root[t], slots.all, sets, sums.data() + group, groups);
            }
        }
        for (std::uint64_t in = slots.all; in != 0; in &= in - 1) {
            const int slot = __builtin_ctzll(in);
            const std::size_t row = first + static_cast<std::size_t>(slots.row_of[slot]);
            std::copy_n(sums.begin() + static_cast<long>(slot) * static_cast<long>(groups), groups, out + row * groups);
        }
    }
}

}  // namespace bank
