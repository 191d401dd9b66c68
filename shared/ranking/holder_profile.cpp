#include "shared/ranking/holder_profile.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace bank {

namespace {

// Below this spread a feature is effectively constant in the data and carries no signal.
constexpr double kMinScale = 1e-6;

// The customers one statistic rests on, as a bit set over customer positions, so that "how many
// customers are in one group but not the other" is a run of XOR and popcount.
class Group {
public:
    explicit Group(std::size_t customers) : words_((customers + 63) / 64, 0) {}

    void add(std::size_t customer) {
        std::uint64_t& word = words_[customer / 64];
        const std::uint64_t bit = std::uint64_t{1} << (customer % 64);
        size_ += (word & bit) ? 0 : 1;  // a product listed twice is still one holder
        word |= bit;
    }
    std::size_t size() const { return size_; }

    // |this \ other| + |other \ this|: the customers a subtraction of the two averages is about.
    std::size_t differing(const Group& other) const {
        std::size_t n = 0;
        for (std::size_t i = 0; i < words_.size(); ++i) n += __builtin_popcountll(words_[i] ^ other.words_[i]);
        return n;
    }

private:
    std::vector<std::uint64_t> words_;
    std::size_t size_ = 0;
};

// A customer's value of feature k takes part in fitting only if it is known and a number.
bool usable(const FeatureRow& row, std::size_t k) {
    return k < row.values.size() && k < row.known.size() && row.known[k] != 0 && std::isfinite(row.values[k]);
}

// Mean and scale of every feature over the customers where it is known; a feature known for fewer
// than min_group customers (or 2) keeps mean 0 and scale 0, which makes it ignored everywhere.
void fit_standardization(HolderProfiles& hp, const std::vector<FeatureRow>& rows, std::size_t min_group) {
    std::vector<double> sum(hp.features, 0), sum_sq(hp.features, 0), count(hp.features, 0);
    for (const FeatureRow& row : rows) {
        for (std::size_t k = 0; k < hp.features; ++k) {
            if (!usable(row, k)) continue;
            sum[k] += row.values[k];
            sum_sq[k] += static_cast<double>(row.values[k]) * row.values[k];
            count[k] += 1;
        }
    }
    for (std::size_t k = 0; k < hp.features; ++k) {
        if (count[k] < 2 || count[k] < static_cast<double>(min_group)) continue;
        const double m = sum[k] / count[k];
        const double var = sum_sq[k] / count[k] - m * m;
        hp.mean[k] = static_cast<float>(m);
        hp.scale[k] = var > kMinScale * kMinScale ? static_cast<float>(std::sqrt(var)) : 0.0f;
    }
}

// Products in the order their groups are considered for publishing: largest first (the most
// reliable averages win when two groups are too alike to publish both), ties by index.
std::vector<std::size_t> largest_first(const std::vector<Group>& groups) {
    std::vector<std::size_t> order(groups.size());
    for (std::size_t p = 0; p < order.size(); ++p) order[p] = p;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return groups[a].size() > groups[b].size(); });
    return order;
}

// Whether an average over `group` may be published next to averages over `published`: subtracting
// it from any of them must leave nobody (the same people) or at least min_group customers.
bool safe_next_to(const Group& group, const std::vector<const Group*>& published, std::size_t min_group) {
    for (const Group* other : published) {
        const std::size_t a = group.size(), b = other->size();
        if ((a > b ? a - b : b - a) >= min_group) continue;  // |A xor B| >= ||A| - |B||: no need to count
        const std::size_t d = group.differing(*other);
        if (d != 0 && d < min_group) return false;
    }
    return true;
}

// One feature's lift for every product: the holders' summed standardized values over
// (holders + shrinkage), for the products whose group may be published; 0 for the rest.
void fit_feature_lift(HolderProfiles& hp, std::size_t k, const std::vector<FeatureRow>& rows,
                      const std::vector<std::vector<int>>& holdings, std::size_t products, float shrinkage,
                      std::size_t min_group) {
    if (hp.scale[k] <= 0) return;  // ignored feature: every standardized value is 0
    const std::size_t customers = std::min(rows.size(), holdings.size());
    Group everyone(customers);
    std::vector<Group> holders(products, Group(customers));
    std::vector<double> sum(products, 0);
    for (std::size_t c = 0; c < customers; ++c) {
        if (!usable(rows[c], k)) continue;
        everyone.add(c);
        const double z = (rows[c].values[k] - hp.mean[k]) / hp.scale[k];
        for (int p : holdings[c]) {
            if (p < 0 || static_cast<std::size_t>(p) >= products) continue;
            const std::size_t before = holders[p].size();
            holders[p].add(c);
            if (holders[p].size() > before) sum[p] += z;
        }
    }
    // The all-customer mean is published (it is what standardizes), so it is the first group.
    std::vector<const Group*> published = {&everyone};
    for (std::size_t p : largest_first(holders)) {
        if (holders[p].size() < min_group || !safe_next_to(holders[p], published, min_group)) continue;
        published.push_back(&holders[p]);
        hp.lift[k * products + p] = static_cast<float>(sum[p] / (static_cast<double>(holders[p].size()) + shrinkage));
    }
}

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
                                   std::size_t features, float shrinkage, int min_group_size) {
    // Below 1 would publish groups of nobody; 1 is "hold nothing back".
    const std::size_t min_group = static_cast<std::size_t>(std::max(1, min_group_size));
    HolderProfiles hp;
    hp.features = features;
    hp.mean.assign(features, 0.0f);
    hp.scale.assign(features, 0.0f);
    fit_standardization(hp, rows, min_group);
    hp.lift.assign(products * features, 0.0f);
    for (std::size_t k = 0; k < features; ++k) {
        fit_feature_lift(hp, k, rows, holdings, products, shrinkage, min_group);
    }
    hp.half_square.assign(products, 0.0f);
    for (std::size_t i = 0; i < products * features; ++i) {
        hp.half_square[i % products] += 0.5f * hp.lift[i] * hp.lift[i];
    }
    return hp;
}

}  // namespace bank
