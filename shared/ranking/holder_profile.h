// What sets a product's holders apart from everyone else, learned from data: for each product, the
// average standardized feature vector of its holders, shrunk toward zero when it has few holders.
// Scoring a customer against it is the log-likelihood ratio of a diagonal Gaussian model
// ("how much more does this customer look like a holder of p than like a typical customer"),
// which is why spending affinity and context signals from different features add up on one scale.
#pragma once

#include <cstddef>
#include <vector>

namespace bank {

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
HolderProfiles fit_holder_profiles(const std::vector<FeatureRow>& rows,
                                   const std::vector<std::vector<int>>& holdings, std::size_t products,
                                   std::size_t features, float shrinkage);

}  // namespace bank
