// The behavioral and context signals of the hybrid score, learned from who holds what:
// - co-ownership: P(product | products held), smoothed toward the product's popularity;
// - spending affinity: how much a customer's spending mix looks like that of the product's holders;
// - context: the same for life stage, engagement, sentiment, social activity and financial
//   situation (income, credit score, risk appetite).
// Fitting is deterministic (no randomness, no dependence on input order beyond ties by id) and
// uses no protected attribute: gender never enters, age only as a life-stage band.
//
// The model is sent to every signed-in browser, so it publishes nothing that rests on fewer than
// k (min_group_size) distinct customers: a smaller group's statistic is replaced by what is known
// without it (fit_behavior_model says which). docs/API.md, "What a published model can reveal".
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

// Pseudo-holders of "typical" customers added to every product: a product held by a few dozen
// people should not get a strong profile from a few dozen data points.
inline constexpr float kProfileShrinkage = 10.0f;

struct BehaviorModel {
    int min_group_size = 0;                              // k it was fit with; 0 = not stated
    std::vector<std::string> product_ids;                // the catalog order the model was fit on
    std::unordered_map<std::string, int> product_index;  // id -> position in product_ids
    std::vector<int> holders;                            // customers holding each product (if >= k)
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
//
// min_group_size (k; below 1 counts as 1) limits what the model carries (k = 1 differs from no
// limit only for pairs of products nobody holds together, which get popularity):
// - holders[p]: the true count if at least k; else the pooled count, the mean count of all products
//   under k, if at least k customers hold one of them, else 0. Pooling rather than 0 keeps a rare
//   product ranked as rare-but-held, not as never-held; either way the true small count is gone.
// - prior[p]: from the published count, over the customer base (counted as 0 if under k).
// - co_ownership P(p | h): only if h has at least k holders and at least k customers hold both;
//   else prior[p], the product's popularity: holding h says nothing.
// - spending and context profiles: fit_holder_profiles' rules (a product under k gets none, i.e.
//   the all-customer mean, and no two published averages differ by fewer than k customers).
BehaviorModel fit_behavior_model(const std::vector<Product>& catalog, const std::vector<Customer>& customers,
                                 const SpendingByCustomer& spending, const std::vector<KnownFields>& known = {},
                                 int min_group_size = kDefaultMinGroupSize);
BehaviorModel fit_behavior_model(const Dataset& data, int min_group_size = kDefaultMinGroupSize);

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
