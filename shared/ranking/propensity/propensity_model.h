// The learned ranking model as the core scores it: XGBoost's JSON model (trees, feature names)
// plus the group statistics it reads (attribute "bank_priors"), checked once against the catalog
// the app holds. Any problem is an error naming the file, so the caller can fall back to the
// hand-weighted hybrid and say why, instead of ranking with a model it does not understand.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/ranking/propensity/propensity_features.h"
#include "shared/ranking/trees/compiled_trees.h"
#include "shared/ranking/trees/tree_ensemble.h"

namespace bank {

struct PropensityModel {
    TreeEnsemble trees;
    CompiledTrees compiled;  // the same trees laid out for scoring a customer's candidates fast
    FeatureLayout layout;
    PropensityPriors priors;
    std::string provenance;  // the "bank_training" attribute: how and on what it was trained
    // Temperature of the take-up likelihoods ("bank_calibration" attribute, fit on validation
    // customers by bank-train); 1 when the file has none.
    float temperature = 1;
};

// Errors: not an XGBoost JSON model, a tree problem (see parse_xgboost_model), not a binary
// propensity model, feature names missing or unknown, statistics missing or for another catalog.
Checked<PropensityModel> parse_propensity_model(std::string_view json_text, std::string_view source,
                                                const std::vector<Product>& catalog);
// The same from the model's JSON already parsed (the "propensity" of /api/ranking-model): the page
// and its book workers read it from the answer's tree, not from the tree written out and parsed again.
Checked<PropensityModel> propensity_model_from_json(const nlohmann::json& document, std::string_view source,
                                                    const std::vector<Product>& catalog);

// The trees' log-odds for each of `products`.
std::vector<float> propensity_margins(const PropensityModel& model, const std::vector<Product>& catalog,
                                      const PropensityCustomer& customer, const std::vector<int>& products);

// The likelihood that each candidate is the product the customer takes up next, given that they
// take one up: a softmax of the candidates' log-odds at the model's temperature. The trees learn
// one row at a time, but every training case has exactly one product taken up among its
// candidates; the softmax puts the scores back on that footing and the temperature, fit on
// validation customers, calibrates them (EVALUATION.md reports the reliability table).
std::vector<float> take_up_likelihoods(const std::vector<float>& margins, float temperature);

// Each feature's contribution to one product's score (log-odds, TreeSHAP), the last value the
// model's average; they sum to the product's log-odds.
std::vector<float> propensity_contributions(const PropensityModel& model, const std::vector<Product>& catalog,
                                            const PropensityCustomer& customer, int product);

}  // namespace bank
