// What sets a product's holders apart from everyone else, learned from data: for each product, the
// average standardized feature vector of its holders, shrunk toward zero when it has few holders.
// Scoring a customer against it is the log-likelihood ratio of a diagonal Gaussian model
// ("how much more does this customer look like a holder of p than like a typical customer"),
// which is why spending affinity and context signals from different features add up on one scale.
//
// Privacy: the fitted profiles leave the proxy (GET /api/ranking-model), so every published number
// must rest on at least `min_group_size` (k) distinct customers; see fit_holder_profiles and
// docs/API.md, "What a published model can reveal".
#pragma once

#include <cstddef>
#include <vector>

namespace bank {

// The fewest distinct customers any statistic that leaves the proxy may rest on (k). A learned
// model added later uses the same k, per leaf or per group it publishes.
inline constexpr int kDefaultMinGroupSize = 20;

// One customer's feature values with a known/unknown flag each; unknown features count as
// typical (standardized value 0) and are left out of fitting.
struct FeatureRow {
    std::vector<float> values;
    std::vector<unsigned char> known;  // 1 = value is real
};

struct HolderProfiles {
    std::size_t features = 0;
    std::vector<float> mean;         // per feature, over customers where it is known
    std::vector<float> scale;        // per feature standard deviation; 0 = constant, feature ignored
    std::vector<float> lift;         // features x products: shrunk mean standardized value of holders
                                     // (feature-major, so scoring all products is a run of axpys)
    std::vector<float> half_square;  // per product: sum of lift^2 / 2 over all features

    // Standardized features of one customer (0 where unknown or constant; known flags kept).
    FeatureRow standardize(const FeatureRow& row) const;
    // Log-likelihood ratio of every product over the row's known features, sum of z*l - l*l/2,
    // into out[0..products). All 0 when nothing is known: no evidence either way.
    void score_all(const FeatureRow& standardized, float* out) const;
    // One feature's term of that sum, for reason codes.
    float term(const FeatureRow& standardized, std::size_t product, std::size_t feature) const;
};

// rows[c] are customer c's features, holdings[c] the product indices customer c holds.
// shrinkage is the number of "typical" pseudo-holders added to every product.
//
// min_group_size (k, below 1 counts as 1) decides what is published:
// - a feature's mean and scale only if at least k customers (and 2) have it known, else 0 and 0
//   (the feature is ignored);
// - a product's lift for a feature only if at least k of its holders have that feature known,
//   and its group differs from every group already published for that feature (all customers
//   first, then products by size) by 0 or at least k customers, so that subtracting two published
//   averages cannot isolate fewer than k people. Anything else is 0: the all-customer mean, "no
//   evidence either way". With k = 1 nothing is held back.
HolderProfiles fit_holder_profiles(const std::vector<FeatureRow>& rows,
                                   const std::vector<std::vector<int>>& holdings, std::size_t products,
                                   std::size_t features, float shrinkage,
                                   int min_group_size = kDefaultMinGroupSize);

}  // namespace bank
