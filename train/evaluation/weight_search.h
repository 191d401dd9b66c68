// Fitting the hybrid's weights: coordinate ascent over small grids, maximizing MAP@k on the
// validation customers only (never the test customers whose figures are reported). The behavioral
// weight stays at 1 as the scale the others are measured against; the image weight is kept as
// given when the data has no image vectors, since nothing could justify a value.
#pragma once

#include <string>
#include <vector>

#include "train/evaluation/prepared_cases.h"

namespace bank {

struct WeightFit {
    RankingWeights weights;
    double validation_map = 0;
    std::size_t validation_cases = 0;
    std::vector<std::string> steps;  // "round 1: semantic 0 -> 2 (MAP@7 0.31 -> 0.34)"
};

WeightFit fit_weights(const EvalContext& ctx, const RankingWeights& start, std::size_t k);

}  // namespace bank
