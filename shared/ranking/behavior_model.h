// The behavioral and context signals of the hybrid score, learned from who holds what:
// - co-ownership: P(product | products held), smoothed toward the product's popularity;
// - spending affinity: how much a customer's spending mix looks like that of the product's holders;
// - context: the same for life stage, engagement, sentiment, social activity and financial
//   situation (income, credit score, risk appetite).
// Fitting is deterministic (no randomness, no dependence on input order beyond ties by id) and
// uses no protected attribute: gender never enters, age only as a life-stage band.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/data/model.h"
#include "shared/profile/known_fields.h"
#include "shared/profile/spending.h"
#include "shared/ranking/holder_profile.h"

namespace bank {

// Context features, in this order: one flag per life stage, then these.
enum ContextFeature : std::size_t {
    kContextLifeStageFirst = 0,  // StartingOut .. Retired: 5 flags
    kContextEngagement = 5,
    kContextSentiment = 6,
    kContextSocialActivity = 7,
    kContextIncome = 8,  // log of annual income
    kContextCreditScore = 9,
    kContextRiskAppetite = 10,  // Conservative 0, Moderate 0.5, Aggressive 1
    kContextFeatureCount = 11
};

struct BehaviorModel {
    std::vector<std::string> product_ids;                // the catalog order the model was fit on
    std::unordered_map<std::string, int> product_index;  // id -> position in product_ids
    std::vector<int> holders;                            // customers holding each product
    std::vector<float> prior;                            // smoothed share of customers holding it
    std::vector<float> co_ownership;                     // products x products; row h: P(p | holds h)
    std::vector<std::string> merchant_categories;        // the spending features, sorted
    HolderProfiles spending;
    HolderProfiles context;
};

// A customer as the model sees them.
struct CustomerFeatures {
    std::vector<int> held;  // catalog indices of held products; unknown ids are dropped
    FeatureRow spending;    // standardized spending shares (model.merchant_categories)
    FeatureRow context;     // standardized context features
};

// known[i] describes customers[i]; empty means every field is known.
BehaviorModel fit_behavior_model(const std::vector<Product>& catalog, const std::vector<Customer>& customers,
                                 const SpendingByCustomer& spending,
                                 const std::vector<KnownFields>& known = {});
BehaviorModel fit_behavior_model(const Dataset& data);

// Merchant categories the model never saw are ignored: it has learned nothing about them.
CustomerFeatures customer_features(const BehaviorModel& model, const Customer& customer,
                                   const std::vector<CategorySpend>& spending, const KnownFields& known = {});

// log P(p | held), the mean of P(p | h) over held products h (the popularity prior when nothing
// is held), for every product p into out[0..products).
void co_ownership_scores(const BehaviorModel& model, const std::vector<int>& held, float* out);

// The held product that most raises P(p) over its popularity: the "because you have X" reason.
// -1 when nothing held raises it.
int strongest_co_owned(const BehaviorModel& model, const std::vector<int>& held, int product);

}  // namespace bank
