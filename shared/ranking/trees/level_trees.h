// A tree of depth 4 or less (the propensity trainer's), laid out complete and scored without a
// branch: the compiled trees' fast path (compiled_trees.h).
//
// Walking a tree with a block's rows as a set (compiled_trees.cpp) visits only the nodes some row
// reaches, but every visit is a branch the processor mispredicts about half the time: for the
// learned model's 300 trees that was about 9 visits a tree and most of the ranking core's time.
// Laid out complete (slot i's children are 2i + 1 and 2i + 2; a leaf above the last level passes
// every row left, down to its value in the last level), the sets of rows at all 15 splits are
// worked out in the same fixed steps whatever the rows, and so is each row's leaf: its index is
// the 4 bits of which way it went at each level. Each row then adds its leaf's value to its sum,
// exactly as the walk did (the same value, in tree order, in float).
#pragma once

#include <cstddef>
#include <cstdint>

namespace bank {

struct CompiledTrees;

struct LevelTree {
    static constexpr int kLevels = 4;
    static constexpr int kSplits = 15;  // slots 0-14; the leaves are slots 15-30
    static constexpr int kLeaves = 16;
    // Per split slot: the index of its condition among the split values (the rows below it go
    // left; compiled_trees.h), its feature (for missing values) and all ones when a missing value
    // goes left. A slot under a leaf points at an index whose set is all rows (every_row, below).
    std::int32_t condition[kSplits] = {};
    std::int32_t feature[kSplits] = {};
    std::uint64_t missing_left[kSplits] = {};
    float leaf[kLeaves] = {};
    // Byte b of each leaf value, for a 16-way table lookup in WebAssembly SIMD.
    unsigned char leaf_bytes[4][kLeaves] = {};
};

// The tree whose root is node `root` of `trees` laid out complete, its conditions indexed as the
// compiled trees index them; `every_row` is the index whose set the caller makes all rows. False
// when the tree is deeper than 4 levels (it is then walked).
bool lay_out_level_tree(const CompiledTrees& trees, std::int32_t root, std::int32_t every_row, LevelTree& out);

// Adds, for every row r of `rows` (bit r), the value of the leaf it reaches to sums[r * groups].
// `below[c]`: the rows whose value is below split value c (below[every_row]: all of them);
// `missing[f]`: the rows whose feature f is missing. Rows outside `rows` get some leaf's value
// added to their sums (up to slot 63): the caller never reads those.
void score_level_tree(const LevelTree& tree, std::uint64_t rows, const std::uint64_t* below,
                      const std::uint64_t* missing, float* sums, std::size_t groups);

}  // namespace bank
