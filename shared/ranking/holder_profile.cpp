#include "shared/ranking/holder_profile.h"

#include <algorithm>
#include <cmath>

namespace bank {

namespace {

// Below this spread a feature is effectively constant in the data and carries no signal.
constexpr double kMinScale = 1e-6;

}  // namespace

FeatureRow HolderProfiles::standardize(const FeatureRow& row) const {
    FeatureRow z{std::vector<float>(features, 0.0f), std::vector<unsigned char>(features, 0)};
    for (std::size_t k = 0; k < features && k < row.values.size(); ++k) {
        const bool known = k < row.known.size() && row.known[k] != 0;
        if (known && scale[k] > 0 && std::isfinite(row.values[k])) {
            z.values[k] = (row.values[k] - mean[k]) / scale[k];
            z.known[k] = 1;
        }
    }
    return z;
}

float HolderProfiles::term(const FeatureRow& z, std::size_t product, std::size_t k) const {
    if (z.known[k] == 0) return 0.0f;
    const float l = lift[k * half_square.size() + product];
    return z.values[k] * l - 0.5f * l * l;
}

void HolderProfiles::score_all(const FeatureRow& z, float* out) const {
    const std::size_t products = half_square.size();
    std::size_t known = 0;
    for (std::size_t k = 0; k < features; ++k) known += z.known[k] ? 1 : 0;
    if (known == 0) {
        std::fill(out, out + products, 0.0f);
        return;
    }
    // standardize() leaves unknown features at 0, so they drop out of the sum; the quadratic term
    // is precomputed when every feature is known, else summed over the known ones.
    for (std::size_t p = 0; p < products; ++p) out[p] = 0.0f;
    for (std::size_t k = 0; k < features; ++k) {
        const float zk = z.values[k];
        const float* l = lift.data() + k * products;
        for (std::size_t p = 0; p < products; ++p) out[p] += zk * l[p];
        if (known < features && z.known[k]) {
            for (std::size_t p = 0; p < products; ++p) out[p] -= 0.5f * l[p] * l[p];
        }
    }
    if (known == features) {
        for (std::size_t p = 0; p < products; ++p) out[p] -= half_square[p];
    }
}

HolderProfiles fit_holder_profiles(const std::vector<FeatureRow>& rows,
                                   const std::vector<std::vector<int>>& holdings, std::size_t products,
                                   std::size_t features, float shrinkage) {
    HolderProfiles hp;
    hp.features = features;
    hp.mean.assign(features, 0.0f);
    hp.scale.assign(features, 0.0f);
    std::vector<double> sum(features, 0), sum_sq(features, 0), count(features, 0);
    for (const FeatureRow& row : rows) {
        for (std::size_t k = 0; k < features && k < row.values.size(); ++k) {
            if (k >= row.known.size() || row.known[k] == 0 || !std::isfinite(row.values[k])) continue;
            sum[k] += row.values[k];
            sum_sq[k] += static_cast<double>(row.values[k]) * row.values[k];
            count[k] += 1;
        }
    }
    for (std::size_t k = 0; k < features; ++k) {
        if (count[k] < 2) continue;
        const double m = sum[k] / count[k];
        const double var = sum_sq[k] / count[k] - m * m;
        hp.mean[k] = static_cast<float>(m);
        hp.scale[k] = var > kMinScale * kMinScale ? static_cast<float>(std::sqrt(var)) : 0.0f;
    }

    std::vector<double> lift_sum(products * features, 0), lift_count(products * features, 0);
    for (std::size_t c = 0; c < rows.size() && c < holdings.size(); ++c) {
        const std::vector<float> z = hp.standardize(rows[c]).values;
        for (int p : holdings[c]) {
            if (p < 0 || static_cast<std::size_t>(p) >= products) continue;
            for (std::size_t k = 0; k < features; ++k) {
                if (k >= rows[c].known.size() || rows[c].known[k] == 0) continue;
                lift_sum[k * products + p] += z[k];
                lift_count[k * products + p] += 1;
            }
        }
    }
    hp.lift.assign(products * features, 0.0f);
    hp.half_square.assign(products, 0.0f);
    for (std::size_t i = 0; i < products * features; ++i) {
        hp.lift[i] = static_cast<float>(lift_sum[i] / (lift_count[i] + shrinkage));
        hp.half_square[i % products] += 0.5f * hp.lift[i] * hp.lift[i];
    }
    return hp;
}

}  // namespace bank
