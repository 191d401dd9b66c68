// Exact TreeSHAP (Lundberg, Erion and Lee, "Consistent individualized feature attribution for tree
// ensembles", 2018, algorithm 2), the path-dependent variant XGBoost's pred_contribs computes: each
// feature's share of a row's margin, with node covers (sum_hessian) standing in for the training
// distribution. The reason a product is recommended can then be told from the model itself.
//
// Per row and output group: feature_count + 1 values, the last the bias (the base margin plus each
// tree's cover-weighted mean leaf value); together they sum to the margin. The float operations are
// XGBoost 1.7's, in its order, so natively the values agree with XGBoost to float rounding.
#pragma once

#include <cstddef>

#include "shared/ranking/trees/tree_ensemble.h"

namespace bank {

// Values per row: group_count * (feature_count + 1).
std::size_t shap_value_count(const TreeEnsemble& model);

// out[g * (feature_count + 1) + f] is feature f's contribution to output g; f = feature_count is the bias.
void shap_contributions(const TreeEnsemble& model, const float* row, float* out);

// Row-major rows in, shap_value_count(model) values per row out.
void shap_contributions_batch(const TreeEnsemble& model, const float* rows, std::size_t row_count, float* out);

}  // namespace bank
