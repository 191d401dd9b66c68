// From the evaluator's view of a bank (EvalData: customers, what fields are known, holdings,
// transactions) to the customers the propensity model learns from, and the features the data can
// support. Shared by bank-train (the published model) and bank-eval --learned (its evaluation).
#pragma once

#include <string>
#include <vector>

#include "train/evaluation/eval_data.h"
#include "shared/ranking/lexical_encoder.h"
#include "train/propensity_examples.h"

namespace bank::train {

// What the model should use: every input the dataset has, never gender.
FeatureChoice feature_choice(const EvalData& data, const SpendingByCustomer& spending);

// holdings[i]: the product ids customer i may be learned from (hidden ones removed). The text
// similarity is the lexical encoder's cosine of profile and product text, when the choice uses it.
// `spending` must outlive the result.
std::vector<KnownCustomer> known_customers(const EvalData& data, const std::vector<std::vector<std::string>>& holdings,
                                           const SpendingByCustomer& spending, const RankingCatalog& catalog,
                                           const FeatureChoice& choice);

// The catalog with the lexical encoder's product vectors (what the app uses without SBERT).
Checked<RankingCatalog> lexical_catalog(const std::vector<Product>& products);

}  // namespace bank::train
