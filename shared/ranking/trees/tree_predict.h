// Scoring rows with a TreeEnsemble exactly as XGBoost 1.7's CPU predictor does: every output
// starts from the model's base margin and adds, in float and in tree order, the leaf each tree
// reaches; the objective's transform is XGBoost's own (its clamped float sigmoid, its softmax
// with a double sum). Natively this gives XGBoost's numbers bit for bit; in WebAssembly expf
// may differ in the last bit.
//
// A row is model.feature_count floats; NaN means missing and takes the split's default direction.
// A split sends a row left when value < condition, as XGBoost does.
#pragma once

#include <cstddef>

#include "shared/ranking/trees/tree_ensemble.h"

namespace bank {

// One value per output group (model.group_count) into out.
void predict_margins(const TreeEnsemble& model, const float* row, float* out);
void predict(const TreeEnsemble& model, const float* row, float* out);

// Many rows, row-major (row_count x feature_count) in, (row_count x group_count) out. Trees run over
// blocks of rows, which keeps a tree in cache across rows; the sums are the single-row ones.
void predict_margins_batch(const TreeEnsemble& model, const float* rows, std::size_t row_count, float* out);
void predict_batch(const TreeEnsemble& model, const float* rows, std::size_t row_count, float* out);

// The objective's transform of one row's margins, in place (sigmoid, softmax or nothing).
void transform_margins(const TreeEnsemble& model, float* margins);

// The leaf (an index into model.nodes) that tree t sends the row to.
std::int32_t leaf_reached(const TreeEnsemble& model, std::size_t tree, const float* row);

}  // namespace bank
