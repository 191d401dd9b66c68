// The learned model inside an evaluation: trained on the split's training holdings (hyper-
// parameters chosen on its validation customers), then every evaluated customer scored by the
// core's own tree evaluator, the code the browser runs, not by XGBoost.
#pragma once

#include <string>

#include "train/evaluation/prepared_cases.h"
#include "train/propensity_training.h"

namespace bank::train {

struct LearnedEvaluation {
    Hyperparameters chosen;
    TrainedPropensity trained;
    std::size_t rows_compared = 0;       // every candidate row of the validation and test customers
    double parity_max_difference = 0;    // |core - XGBoost| log-odds over those rows
};

// Fills PreparedCase::learned of ctx.validation and ctx.test. Errors: training failed, the model
// it wrote does not load in the core, or the core's log-odds on an evaluated row differ from
// XGBoost's own by more than 1e-6 (bugs worth stopping for).
Checked<LearnedEvaluation> add_learned_scores(const EvalData& data, const EvalSplit& split, EvalContext& ctx,
                                              const TrainingPlan& plan);

}  // namespace bank::train
