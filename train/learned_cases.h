// The learned model inside an evaluation: trained on the split's training holdings (hyper-
// parameters chosen on its validation customers), then every evaluated customer scored by the
// core's own tree evaluator, the code the browser runs, not by XGBoost.
#pragma once

#include <string>

#include "shared/ranking/evaluation/prepared_cases.h"
#include "train/propensity_training.h"

namespace bank::train {

struct LearnedEvaluation {
    Hyperparameters chosen;
    TrainedPropensity trained;
};

// Fills PreparedCase::learned of ctx.validation and ctx.test. Errors: training failed, or the
// model it wrote does not load in the core (which would be a bug worth stopping for).
Checked<LearnedEvaluation> add_learned_scores(const EvalData& data, const EvalSplit& split, EvalContext& ctx,
                                              const TrainingPlan& plan);

}  // namespace bank::train
