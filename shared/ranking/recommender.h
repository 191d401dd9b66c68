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
#include "shared/ranking/stated_interests.h"

namespace bank {

struct Recommendation {
    int product_index = -1;  // into the catalog
    std::string product_id;
    std::string product_name;
    ProductCategory category = ProductCategory::Account;
    float score = 0;        // relevance before diversity: the likelihood, or the hybrid's score
    float likelihood = -1;  // the learned model's likelihood of taking it up (0..1); -1 for the hybrid
    std::vector<Reason> reasons;
    std::string moved_for_interest;  // "investing": moved up for an interest typed this visit; else ""
};

// A product a rule kept out of the list, worth telling the customer about.
struct Exclusion {
    std::string product_id;
    std::string product_name;
    EligibilityRule rule = EligibilityRule::MinimumAge;
    std::string text;  // "The Premium Card needs an annual income of at least 60,000 EUR"
    // The same for the customer: no threshold that would tell them what the bank holds about them
    // (a credit score, an income below a limit); "" when the rule cannot be told without one.
    std::string customer_text;
};

struct RankingResult {
    std::vector<Recommendation> recommendations;  // pick order, at most weights.top_k
    std::vector<Exclusion> exclusions;            // most popular excluded products first, <= 3
    std::vector<std::string> signals_used;        // "semantic (lexical TF-IDF ...)", "co-ownership", ...
    std::string note;                             // why the list is empty or short; else ""
    std::string interests_note;  // what interests typed this visit moved (stated_interests.h); else ""
    bool explained = true;  // the recommendations' reasons are worked out (see Reasons::Later)
};

// When a ranking works out the reasons behind its list. A banker's book table shows each
// customer's best product and its likelihood only; the reasons are read on the cards of the one
// customer who is opened, and for the learned model they are most of the cost (TreeSHAP), so a
// book is ranked with Reasons::Later and a customer's reasons are worked out by explain_ranking
// when their cards are shown. The list, scores, likelihoods, exclusions and note are the same.
enum class Reasons { Now, Later };

struct CustomerToRank {
    const Customer* customer = nullptr;
    const std::vector<CategorySpend>* spending = nullptr;  // may be null: no transactions
    ProfileVectors profile;                                // may be empty
    KnownFields known;
    // The learned model, when one is in use, and the text similarity it was trained with (the
    // lexical encoder's cosine of profile and product text, per product; null when not used).
    const PropensityModel* propensity = nullptr;
    const float* propensity_text_similarity = nullptr;
    Reasons reasons = Reasons::Now;
    const VisitChoices* visit = nullptr;  // interests typed and products declined this visit; may be null
};

// Errors (never a crash): bad profile vectors, a model fit on another catalog. A customer who
// holds every product, or for whom no product passes the rules, gets an empty list and a note.
Checked<RankingResult> rank_customer(const RankingCatalog& catalog, const BehaviorModel& model,
                                     const RankingWeights& weights, const CustomerToRank& input);

// The reasons of `listed` (ranked with Reasons::Later from the same input), worked out now: the
// result is what rank_customer with Reasons::Now returns. A result already explained comes back
// as it is. Errors: rank_customer's, and a list naming a product the catalog does not have.
Checked<RankingResult> explain_ranking(const RankingCatalog& catalog, const BehaviorModel& model,
                                       const RankingWeights& weights, const CustomerToRank& input,
                                       RankingResult listed);

// 1 where the product may be recommended: not held and passing every rule.
std::vector<unsigned char> candidate_products(const RankingCatalog& catalog, const Customer& customer,
                                              const std::vector<int>& held, const KnownFields& known);

}  // namespace bank
