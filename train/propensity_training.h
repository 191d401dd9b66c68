// Training the propensity model: gradient-boosted trees (XGBoost, binary:logistic over candidate
// rows), hyper-parameters chosen by MAP@k on validation customers only, then the published file:
// XGBoost's own JSON model with the feature names, the group statistics the features read
// ("bank_priors" attribute) and every leaf resting on at least k customers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "train/propensity_examples.h"

namespace bank::train {

struct ValidationCase {
    std::size_t customer = 0;   // index into the customers given to training
    std::vector<int> relevant;  // hidden catalog indices
};

struct TrainingPlan {
    std::vector<int> depths{3, 4, 6};
    int max_rounds = 400;
    int round_step = 50;  // validation MAP is read every step
    double learning_rate = 0.1;
    std::size_t min_group_size = 20;
    std::size_t k = 7;
    int threads = 2;
    std::size_t negatives_per_positive = 0;  // 0: every candidate (see leave_one_out_examples)
};

// "3,4,6" as tree depths to try (whole numbers 1-16); nothing when the list is malformed or empty.
// The command-line form of TrainingPlan::depths, for bank-train and bank-eval alike.
std::optional<std::vector<int>> parse_depths(const std::string& text);

struct Hyperparameters {
    int depth = 4;
    int rounds = 100;
    double validation_map = 0;
    float temperature = 1;  // of the take-up likelihoods, fit on the validation customers
    std::vector<std::string> log;  // "depth 4, 200 trees: validation MAP@7 0.7391"
};

struct TrainedPropensity {
    std::string model_json;
    std::size_t rows = 0, customers = 0, features = 0;
    std::size_t splits_collapsed = 0;  // by the k-customer rule
    std::size_t smallest_leaf = 0;     // customers behind the smallest leaf
    // The published file scored by XGBoost and by the core's evaluator on every training row.
    double parity_max_difference = 0;
};

// The feature layout and statistics for these customers (segments come from the published ones).
struct FeatureBasis {
    PropensityPriors priors;
    FeatureLayout layout;
};
FeatureBasis feature_basis(const RankingCatalog& catalog, FeatureChoice choice,
                           const std::vector<KnownCustomer>& customers, std::size_t min_group_size);

Checked<Hyperparameters> choose_hyperparameters(const RankingCatalog& catalog, const FeatureChoice& choice,
                                                const std::vector<KnownCustomer>& customers,
                                                const std::vector<ValidationCase>& validation,
                                                const TrainingPlan& plan);

Checked<TrainedPropensity> fit_propensity(const RankingCatalog& catalog, const FeatureChoice& choice,
                                          const std::vector<KnownCustomer>& customers, const Hyperparameters& hp,
                                          const TrainingPlan& plan, const std::string& provenance);

}  // namespace bank::train
