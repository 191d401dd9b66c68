// The four signals of DESIGN.md's hybrid score (behavioral split in its two learned parts), per
// product for one customer, before any weighting. Kept apart from the weighted sum so the
// evaluator can compare baselines and search weights without recomputing them, and so reason
// codes can say which signal carried a recommendation.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "shared/ranking/behavior_model.h"
#include "shared/ranking/checked.h"
#include "shared/ranking/ranking_catalog.h"
#include "shared/ranking/ranking_weights.h"

namespace bank {

enum class Signal : std::size_t { Semantic, Image, CoOwnership, Spending, Context };
constexpr std::size_t kSignalCount = 5;

// One column of `products` values per signal: each signal is written and weighted as one
// contiguous run, which is what the vectorizer and the banker book's batch path want.
struct SignalTable {
    std::size_t products = 0;
    std::vector<float> values;
    bool semantic_available = false;  // both profile and product text vectors were given
    bool image_available = false;

    float at(std::size_t product, Signal s) const {
        return values[static_cast<std::size_t>(s) * products + product];
    }
    float* column(Signal s) { return values.data() + static_cast<std::size_t>(s) * products; }
    const float* column(Signal s) const { return values.data() + static_cast<std::size_t>(s) * products; }
};

// The customer's profile embedded by the same encoders as the catalog's product vectors: text by
// the product-text encoder (SBERT or lexical), image by CLIP's text tower. Empty = not available.
struct ProfileVectors {
    std::vector<float> text;
    std::vector<float> image;
};

// Errors: a profile vector whose length is not the catalog's dimension, or with NaN/infinity;
// a behavior model fit on a different catalog.
Checked<SignalTable> score_signals(const RankingCatalog& catalog, const BehaviorModel& model,
                                   const CustomerFeatures& features, const ProfileVectors& profile);

// score_signals' checks of the profile vectors alone, with its errors, for the learned model's
// path, which scores no signal but must refuse the same unusable vectors. Empty when usable.
std::optional<RankingError> profile_vectors_problem(const RankingCatalog& catalog, const ProfileVectors& profile);

// Building blocks shared with the banker book's batch path:
// one similarity signal from precomputed cosines (products with present[p] == 0, i.e. no image,
// get the mean of the others so a missing picture neither helps nor hurts; null = all present),
void set_similarity(SignalTable& table, Signal s, const float* cosines,
                    const std::vector<unsigned char>* present);
// and the learned signals: co-ownership, spending, context.
void set_behavior_signals(SignalTable& table, const BehaviorModel& model, const CustomerFeatures& features);

// The weighted sum per product; signals that are not available contribute nothing.
std::vector<float> combine_signals(const SignalTable& table, const RankingWeights& weights);

// Weight of each signal in the sum (the behavioral weight times its co-ownership/spending share).
float signal_weight(const RankingWeights& weights, Signal s);

// Same catalog, same order: the model's fit and the catalog the ranker holds must agree.
bool model_matches_catalog(const BehaviorModel& model, const RankingCatalog& catalog);

}  // namespace bank
