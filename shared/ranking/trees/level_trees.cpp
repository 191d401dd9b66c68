#include "shared/ranking/trees/level_trees.h"

#include <array>
#include <cstring>

#include "shared/ranking/trees/compiled_trees.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace bank {
namespace {

// Eight bits spread to the lowest bit of eight bytes: bit j of b is byte j of spread(b), so the
// bits of 8 rows become their bytes at once.
constexpr std::array<std::uint64_t, 256> make_spread() {
    std::array<std::uint64_t, 256> table{};
    for (std::size_t b = 0; b < 256; ++b) {
        for (int j = 0; j < 8; ++j) {
            if ((b >> j) & 1u) table[b] |= std::uint64_t{1} << (8 * j);
        }
    }
    return table;
}
constexpr std::array<std::uint64_t, 256> kSpread = make_spread();

// The leaf index (0-15) of rows `first` to `first` + 7, a byte each: bit k of a row's index is
// which way it went at level 3 - k (the root's choice is the highest bit, as in the last level's
// slot order).
inline std::uint64_t leaf_indices(const std::uint64_t (&right)[LevelTree::kLevels], int first) {
    return kSpread[(right[0] >> first) & 255u] << 3 | kSpread[(right[1] >> first) & 255u] << 2 |
           kSpread[(right[2] >> first) & 255u] << 1 | kSpread[(right[3] >> first) & 255u];
}

void fill(const CompiledTrees& trees, std::int32_t at, int slot, int level, std::int32_t every_row, LevelTree& out) {
    const CompiledTrees::Node& node = trees.nodes[static_cast<std::size_t>(at)];
    if (level == LevelTree::kLevels) {
        out.leaf[slot - LevelTree::kSplits] = trees.leaf_value[static_cast<std::size_t>(at)];
        return;
    }
    if (node.leaf) {  // above the last level: every row goes left, to the same value either side
        out.condition[slot] = every_row;
        fill(trees, at, 2 * slot + 1, level + 1, every_row, out);
        fill(trees, at, 2 * slot + 2, level + 1, every_row, out);
        return;
    }
    out.condition[slot] = node.threshold;
    out.feature[slot] = node.feature;
    out.missing_left[slot] = node.default_left ? ~std::uint64_t{0} : 0;
    fill(trees, node.left, 2 * slot + 1, level + 1, every_row, out);
    fill(trees, node.left + 1, 2 * slot + 2, level + 1, every_row, out);
}

bool within_levels(const CompiledTrees& trees, std::int32_t at, int level) {
    const CompiledTrees::Node& node = trees.nodes[static_cast<std::size_t>(at)];
    if (node.leaf) return true;
    if (level == LevelTree::kLevels) return false;  // a split below the last level
    return within_levels(trees, node.left, level + 1) && within_levels(trees, node.left + 1, level + 1);
}

}  // namespace

bool lay_out_level_tree(const CompiledTrees& trees, std::int32_t root, std::int32_t every_row, LevelTree& out) {
    if (!within_levels(trees, root, 0)) return false;
    out = LevelTree{};
    fill(trees, root, 0, 0, every_row, out);
    for (int i = 0; i < LevelTree::kLeaves; ++i) {
        unsigned char bytes[4];
        std::memcpy(bytes, &out.leaf[i], sizeof bytes);
        for (int b = 0; b < 4; ++b) out.leaf_bytes[b][i] = bytes[b];
    }
    return true;
}

void score_level_tree(const LevelTree& tree, std::uint64_t rows, const std::uint64_t* below,
                      const std::uint64_t* missing, float* sums, std::size_t groups) {
    // The rows at each slot, level by level, and the rows that went right at each level.
    std::uint64_t at[LevelTree::kSplits + LevelTree::kLeaves];
    std::uint64_t right[LevelTree::kLevels] = {0, 0, 0, 0};
    at[0] = rows;
    for (int level = 0, slot = 0; level < LevelTree::kLevels; ++level) {
        for (const int end = 2 * slot + 1; slot < end; ++slot) {
            const std::uint64_t left =
                at[slot] & (below[tree.condition[slot]] | (missing[tree.feature[slot]] & tree.missing_left[slot]));
            at[2 * slot + 1] = left;
            at[2 * slot + 2] = at[slot] & ~left;
            right[level] |= at[2 * slot + 2];
        }
    }
#ifdef __wasm_simd128__
    if (groups == 1) {
        // 16 rows at a time: their leaf indices as bytes, each byte of their values looked up
        // among the 16 leaves' (i8x16.swizzle), the bytes put back together as floats.
        const v128_t b0 = wasm_v128_load(tree.leaf_bytes[0]), b1 = wasm_v128_load(tree.leaf_bytes[1]);
        const v128_t b2 = wasm_v128_load(tree.leaf_bytes[2]), b3 = wasm_v128_load(tree.leaf_bytes[3]);
        for (int first = 0; first < 64; first += 16) {
            if (((rows >> first) & 0xFFFFu) == 0) continue;
            const v128_t leaf = wasm_i64x2_make(static_cast<std::int64_t>(leaf_indices(right, first)),
                                                static_cast<std::int64_t>(leaf_indices(right, first + 8)));
            const v128_t v0 = wasm_i8x16_swizzle(b0, leaf), v1 = wasm_i8x16_swizzle(b1, leaf);
            const v128_t v2 = wasm_i8x16_swizzle(b2, leaf), v3 = wasm_i8x16_swizzle(b3, leaf);
            const v128_t low01 = wasm_i8x16_shuffle(v0, v1, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
            const v128_t high01 = wasm_i8x16_shuffle(v0, v1, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
            const v128_t low23 = wasm_i8x16_shuffle(v2, v3, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
            const v128_t high23 = wasm_i8x16_shuffle(v2, v3, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
            const v128_t values[4] = {wasm_i16x8_shuffle(low01, low23, 0, 8, 1, 9, 2, 10, 3, 11),
                                      wasm_i16x8_shuffle(low01, low23, 4, 12, 5, 13, 6, 14, 7, 15),
                                      wasm_i16x8_shuffle(high01, high23, 0, 8, 1, 9, 2, 10, 3, 11),
                                      wasm_i16x8_shuffle(high01, high23, 4, 12, 5, 13, 6, 14, 7, 15)};
            for (int q = 0; q < 4; ++q) {
                float* four = sums + first + 4 * q;
                wasm_v128_store(four, wasm_f32x4_add(wasm_v128_load(four), values[q]));
            }
        }
        return;
    }
#endif
    for (int first = 0; first < 64; first += 8) {
        if (((rows >> first) & 255u) == 0) continue;
        const std::uint64_t leaf = leaf_indices(right, first);
        float* eight = sums + static_cast<std::size_t>(first) * groups;
        for (int j = 0; j < 8; ++j) eight[static_cast<std::size_t>(j) * groups] += tree.leaf[(leaf >> (8 * j)) & 15u];
    }
}

}  // namespace bank
