// Training rows for the propensity model, learned from holdings: for every customer and every
// product they hold, that product is hidden and the customer is shown as they were without it;
// among the products they could then be offered (rules passed, not held), the hidden one is the
// positive. Where the data dates take-ups, a dated product is learned from the customer as they
// were just before taking it up: products they took up on or after that date are not yet held. The model thus learns "which product does a customer like this add next", the
// question the app asks. Every row remembers its customer so leaves can be counted per customer.
#pragma once

#include <cstdint>
#include <vector>

#include "shared/ranking/propensity/propensity_features.h"
#include "shared/ranking/ranking_catalog.h"
#include "train/xgboost_booster.h"

namespace bank::train {

// One customer with what training may know of them.
struct KnownCustomer {
    const Customer* customer = nullptr;
    KnownFields known;
    std::vector<int> held;                                 // catalog indices, training holdings only
    std::vector<std::string> taken_up;                     // held[i]'s take-up date ("" unknown); may be empty
    const std::vector<CategorySpend>* spending = nullptr;  // null: no transactions
    std::vector<float> text_similarity;                    // per product; empty: no text signal

    PropensityCustomer view(std::vector<int> held_now) const;
};

struct ExampleSet {
    TrainingMatrix matrix;
    std::vector<std::int64_t> customer_of_row;
};

// negatives_per_positive: 0 keeps every candidate; N keeps the hidden product and N of the others,
// chosen by a hash of (customer, hidden, product) so runs are repeatable. Sampling is for banks
// whose rows would not fit in memory (BENCHMARKS.md "Training"); it shifts the probabilities'
// base rate, which the take-up likelihoods' normalisation absorbs, not the ranking.
ExampleSet leave_one_out_examples(const FeatureLayout& layout, const PropensityPriors& priors,
                                  const RankingCatalog& catalog, const std::vector<KnownCustomer>& customers,
                                  std::size_t negatives_per_positive = 0);

// The rows to score for one customer as they are (every candidate product), and which products.
struct CandidateRows {
    std::vector<int> products;
    std::vector<float> rows;
};
CandidateRows candidate_rows(const FeatureLayout& layout, const PropensityPriors& priors,
                             const RankingCatalog& catalog, const KnownCustomer& customer);

}  // namespace bank::train
