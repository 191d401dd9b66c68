#include "shared/ranking/trees/tree_shap.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bank {
namespace {

// One feature on the path from the root to the current node, merged when a feature repeats.
// zero_fraction: the share of training cover that follows the path without knowing the feature;
// one_fraction: 1 when the row itself follows it, else 0; weight: the permutation weight of the
// subsets with a given number of features on the path.
struct PathElement {
    int feature;
    float zero_fraction;
    float one_fraction;
    float weight;
};

// Every float expression below keeps XGBoost 1.7's order of operations (src/tree/tree_model.cc):
// algebraically equal rewrites round differently and lose bit-for-bit agreement.

// Adds a feature to the path of `depth` elements and updates every subset size's weight.
void extend_path(PathElement* path, unsigned depth, float zero_fraction, float one_fraction, int feature) {
    path[depth] = {feature, zero_fraction, one_fraction, depth == 0 ? 1.0f : 0.0f};
    for (int i = static_cast<int>(depth) - 1; i >= 0; --i) {
        path[i + 1].weight += one_fraction * path[i].weight * static_cast<float>(i + 1) / static_cast<float>(depth + 1);
        path[i].weight = zero_fraction * path[i].weight * static_cast<float>(depth - i) / static_cast<float>(depth + 1);
    }
}

// Removes element `index` from the path, the inverse of extend_path.
void unwind_path(PathElement* path, unsigned depth, unsigned index) {
    const float one_fraction = path[index].one_fraction;
    const float zero_fraction = path[index].zero_fraction;
    float next_one_portion = path[depth].weight;
    for (int i = static_cast<int>(depth) - 1; i >= 0; --i) {
        if (one_fraction != 0) {
            const float kept = path[i].weight;
            path[i].weight =
                next_one_portion * static_cast<float>(depth + 1) / (static_cast<float>(i + 1) * one_fraction);
            next_one_portion =
                kept - path[i].weight * zero_fraction * static_cast<float>(depth - i) / static_cast<float>(depth + 1);
        } else {
            path[i].weight =
                path[i].weight * static_cast<float>(depth + 1) / (zero_fraction * static_cast<float>(depth - i));
        }
    }
    for (unsigned i = index; i < depth; ++i) {
        path[i].feature = path[i + 1].feature;
        path[i].zero_fraction = path[i + 1].zero_fraction;
        path[i].one_fraction = path[i + 1].one_fraction;
    }
}

// The total weight the path would have without element `index`, without changing the path.
float unwound_path_sum(const PathElement* path, unsigned depth, unsigned index) {
    const float one_fraction = path[index].one_fraction;
    const float zero_fraction = path[index].zero_fraction;
    float next_one_portion = path[depth].weight;
    float total = 0;
    for (int i = static_cast<int>(depth) - 1; i >= 0; --i) {
        const float share = static_cast<float>(depth - i) / static_cast<float>(depth + 1);
        if (one_fraction != 0) {
            const float t =
                next_one_portion * static_cast<float>(depth + 1) / (static_cast<float>(i + 1) * one_fraction);
            total += t;
            next_one_portion = path[i].weight - t * zero_fraction * share;
        } else if (zero_fraction != 0) {
            total += (path[i].weight / zero_fraction) / share;
        }
    }
    return total;
}

// One tree's walk for one row. Paths live in one buffer, each level's copy after its parent's.
class TreeShapWalk {
public:
    TreeShapWalk(const TreeEnsemble& model, const float* row, float* phi) : model_(model), row_(row), phi_(phi) {}

    void visit(std::int32_t node, unsigned depth, PathElement* parent_path, float parent_zero_fraction,
               float parent_one_fraction, int parent_feature) const {
        PathElement* path = parent_path + depth + 1;
        std::copy(parent_path, parent_path + depth + 1, path);
        extend_path(path, depth, parent_zero_fraction, parent_one_fraction, parent_feature);
        const TreeNode& n = model_.nodes[node];
        if (n.is_leaf()) {
            for (unsigned i = 1; i <= depth; ++i) {
                const float w = unwound_path_sum(path, depth, i);
                phi_[path[i].feature] += w * (path[i].one_fraction - path[i].zero_fraction) * n.value;
            }
            return;
        }
        const std::int32_t hot = child_taken(n, row_);
        const std::int32_t cold = hot == n.left ? n.right : n.left;
        const float cover = model_.node_cover[node];
        const float hot_zero_fraction = model_.node_cover[hot] / cover;
        const float cold_zero_fraction = model_.node_cover[cold] / cover;
        float incoming_zero_fraction = 1;
        float incoming_one_fraction = 1;
        // A feature already on the path is taken off and merged into this split.
        unsigned index = 0;
        while (index <= depth && path[index].feature != n.feature) ++index;
        if (index != depth + 1) {
            incoming_zero_fraction = path[index].zero_fraction;
            incoming_one_fraction = path[index].one_fraction;
            unwind_path(path, depth, index);
            depth -= 1;
        }
        visit(hot, depth + 1, path, hot_zero_fraction * incoming_zero_fraction, incoming_one_fraction, n.feature);
        visit(cold, depth + 1, path, cold_zero_fraction * incoming_zero_fraction, 0, n.feature);
    }

private:
    const TreeEnsemble& model_;
    const float* row_;
    float* phi_;
};

}  // namespace

std::size_t shap_value_count(const TreeEnsemble& model) {
    return static_cast<std::size_t>(model.group_count) * static_cast<std::size_t>(model.feature_count + 1);
}

namespace {

// Room for every level's copy of the path in the deepest tree: level d holds d + 1 elements,
// (deepest + 2)(deepest + 3) / 2 in all, as XGBoost sizes it.
std::vector<PathElement> path_buffer(const TreeEnsemble& model) {
    const int deepest =
        model.tree_depth.empty() ? 0 : *std::max_element(model.tree_depth.begin(), model.tree_depth.end());
    const std::size_t levels = static_cast<std::size_t>(deepest) + 2;
    return std::vector<PathElement>(levels * (levels + 1) / 2);
}

void explain_row(const TreeEnsemble& model, const float* row, float* out, std::vector<PathElement>& paths,
                 std::vector<float>& tree_phi) {
    const std::size_t width = static_cast<std::size_t>(model.feature_count) + 1;
    std::fill(out, out + shap_value_count(model), 0.0f);
    tree_phi.resize(width);
    for (std::size_t t = 0; t < model.tree_count(); ++t) {
        // Each tree's values are summed apart and then added, as XGBoost does: the order of float sums.
        std::fill(tree_phi.begin(), tree_phi.end(), 0.0f);
        const std::int32_t root = model.tree_begin[t];
        tree_phi[width - 1] += model.node_mean[root];
        TreeShapWalk(model, row, tree_phi.data()).visit(root, 0, paths.data(), 1, 1, -1);
        float* group_out = out + static_cast<std::size_t>(model.tree_group[t]) * width;
        for (std::size_t f = 0; f < width; ++f) group_out[f] += tree_phi[f];
    }
    for (int g = 0; g < model.group_count; ++g) out[g * width + width - 1] += model.base_margin;
}

}  // namespace

void shap_contributions(const TreeEnsemble& model, const float* row, float* out) {
    std::vector<PathElement> paths = path_buffer(model);
    std::vector<float> tree_phi;
    explain_row(model, row, out, paths, tree_phi);
}

void shap_contributions_batch(const TreeEnsemble& model, const float* rows, std::size_t row_count, float* out) {
    const std::size_t features = static_cast<std::size_t>(model.feature_count);
    const std::size_t values = shap_value_count(model);
    std::vector<PathElement> paths = path_buffer(model);
    std::vector<float> tree_phi;
    for (std::size_t r = 0; r < row_count; ++r)
        explain_row(model, rows + r * features, out + r * values, paths, tree_phi);
}

}  // namespace bank
