// Ranking one customer: the whole pipeline of DESIGN.md "Ranking" behind one call.
//   eligibility rules -> held products out -> the learned propensity model's likelihoods (or, when
//   no model is given, the hand-weighted hybrid's signals) -> MMR diversity -> top-k with reasons,
//   plus the notable exclusions ("why not the Premium Card?").
// The wasm app calls this for the signed-in customer; banker_book.h scores a whole book.
#pragma once

#include <string>
#include <vector>

#include "shared/ranking/eligibility.h"
#include "shared/ranking/propensity/propensity_model.h"
#include "shared/ranking/reasons.h"

namespace bank {

struct Recommendation {
    int product_index = -1;  // into the catalog
    std::string product_id;
    std::string product_name;
    ProductCategory category = ProductCategory::Account;
    float score = 0;        // relevance before diversity: the likelihood, or the hybrid's score
    float likelihood = -1;  // the learned model's likelihood of taking it up (0..1); -1 for the hybrid
    std::vector<Reason> reasons;
};

// A product a rule kept out of the list, worth telling the customer about.
struct Exclusion {
    std::string product_id;
    std::string product_name;
    EligibilityRule rule = EligibilityRule::MinimumAge;
    std::string text;  // "The Premium Card needs an annual income of at least 60,000 EUR"
};

struct RankingResult {
    std::vector<Recommendation> recommendations;  // pick order, at most weights.top_k
    std::vector<Exclusion> exclusions;            // most popular excluded products first, <= 3
    std::vector<std::string> signals_used;        // "semantic (lexical TF-IDF ...)", "co-ownership", ...
    std::string note;                             // why the list is empty or short; else ""
};

struct CustomerToRank {
    const Customer* customer = nullptr;
    const std::vector<CategorySpend>* spending = nullptr;  // may be null: no transactions
    ProfileVectors profile;                                // may be empty
    KnownFields known;
    // The learned model, when one is in use, and the text similarity it was trained with (the
    // lexical encoder's cosine of profile and product text, per product; null when not used).
    const PropensityModel* propensity = nullptr;
    const float* propensity_text_similarity = nullptr;
};

// Errors (never a crash): bad profile vectors, a model fit on another catalog. A customer who
// holds every product, or for whom no product passes the rules, gets an empty list and a note.
Checked<RankingResult> rank_customer(const RankingCatalog& catalog, const BehaviorModel& model,
                                     const RankingWeights& weights, const CustomerToRank& input);

// 1 where the product may be recommended: not held and passing every rule.
std::vector<unsigned char> candidate_products(const RankingCatalog& catalog, const Customer& customer,
                                              const std::vector<int>& held, const KnownFields& known);

}  // namespace bank
