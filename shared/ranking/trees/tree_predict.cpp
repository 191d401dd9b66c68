#include "shared/ranking/trees/tree_predict.h"

#include <algorithm>
#include <cmath>

namespace bank {
namespace {

// Rows scored together per tree: enough to reuse a tree from cache, few enough that the rows'
// outputs stay in cache too. XGBoost's CPU predictor uses the same block size.
constexpr std::size_t kRowBlock = 64;

// XGBoost 1.7's common::Sigmoid(float), kept operation for operation: the clamp avoids expf
// overflow, so a margin below -88.7 gives 3.0e-39 rather than 0.
float xgboost_sigmoid(float x) {
    constexpr float kEps = 1e-16f;
    x = std::min(-x, 88.7f);
    const float denom = std::exp(x) + 1.0f + kEps;
    return 1.0f / denom;
}

// XGBoost 1.7's common::Softmax: float maximum and exponentials, a double sum, a float division.
void xgboost_softmax(float* values, int count) {
    float wmax = values[0];
    for (int i = 1; i < count; ++i) wmax = std::fmax(values[i], wmax);
    double wsum = 0.0;
    for (int i = 0; i < count; ++i) {
        values[i] = std::exp(values[i] - wmax);
        wsum += values[i];
    }
    for (int i = 0; i < count; ++i) values[i] /= static_cast<float>(wsum);
}

}  // namespace

std::int32_t leaf_reached(const TreeEnsemble& model, std::size_t tree, const float* row) {
    const TreeNode* nodes = model.nodes.data();
    std::int32_t i = model.tree_begin[tree];
    while (!nodes[i].is_leaf()) i = child_taken(nodes[i], row);
    return i;
}

void predict_margins_batch(const TreeEnsemble& model, const float* rows, std::size_t row_count, float* out) {
    const std::size_t groups = static_cast<std::size_t>(model.group_count);
    const std::size_t features = static_cast<std::size_t>(model.feature_count);
    std::fill(out, out + row_count * groups, model.base_margin);
    for (std::size_t first = 0; first < row_count; first += kRowBlock) {
        const std::size_t last = std::min(row_count, first + kRowBlock);
        for (std::size_t t = 0; t < model.tree_count(); ++t) {
            const std::size_t g = static_cast<std::size_t>(model.tree_group[t]);
            for (std::size_t r = first; r < last; ++r) {
                out[r * groups + g] += model.nodes[leaf_reached(model, t, rows + r * features)].value;
            }
        }
    }
}

void transform_margins(const TreeEnsemble& model, float* margins) {
    switch (model.objective) {
        case TreeObjective::kBinaryLogistic:
        case TreeObjective::kRegLogistic:
            margins[0] = xgboost_sigmoid(margins[0]);
            break;
        case TreeObjective::kMultiSoftprob:
            xgboost_softmax(margins, model.group_count);
            break;
        case TreeObjective::kBinaryLogitRaw:
        case TreeObjective::kRegSquaredError:
        case TreeObjective::kMultiSoftmax:
            break;
    }
}

void predict_batch(const TreeEnsemble& model, const float* rows, std::size_t row_count, float* out) {
    predict_margins_batch(model, rows, row_count, out);
    for (std::size_t r = 0; r < row_count; ++r) transform_margins(model, out + r * model.group_count);
}

void predict_margins(const TreeEnsemble& model, const float* row, float* out) {
    predict_margins_batch(model, row, 1, out);
}

void predict(const TreeEnsemble& model, const float* row, float* out) {
    predict_batch(model, row, 1, out);
}

}  // namespace bank
