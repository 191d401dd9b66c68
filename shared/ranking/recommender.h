// Ranking one customer: the whole pipeline of DESIGN.md "Ranking" behind one call.
//   eligibility rules -> held products out -> signals -> weighted score -> MMR diversity ->
//   top-k with reason codes, plus the notable exclusions ("why not the Premium Card?").
// The wasm app calls this for the signed-in customer; banker_book.h scores a whole book.
#pragma once

#include <string>
#include <vector>

#include "shared/ranking/eligibility.h"
#include "shared/ranking/reasons.h"

namespace bank {

struct Recommendation {
    int product_index = -1;  // into the catalog
    std::string product_id;
    std::string product_name;
    ProductCategory category = ProductCategory::Account;
    float score = 0;  // hybrid relevance before diversity
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
};

// Errors (never a crash): bad profile vectors, a model fit on another catalog. A customer who
// holds every product, or for whom no product passes the rules, gets an empty list and a note.
Checked<RankingResult> rank_customer(const RankingCatalog& catalog, const BehaviorModel& model,
                                     const RankingWeights& weights, const CustomerToRank& input);

// 1 where the product may be recommended: not held and passing every rule.
std::vector<unsigned char> candidate_products(const RankingCatalog& catalog, const Customer& customer,
                                              const std::vector<int>& held, const KnownFields& known);

}  // namespace bank
