// Bootstrap confidence intervals for per-customer metrics. Resampling is seeded and depends only
// on (seed, number of values), so intervals of different rankers on the same customers are paired:
// the same resampled customer sets, which makes their difference's interval meaningful.
#pragma once

#include <cstdint>
#include <vector>

namespace bank {

struct Interval {
    double mean = 0;
    double low = 0;   // 2.5th percentile of the resampled means
    double high = 0;  // 97.5th percentile
};

Interval bootstrap_mean(const std::vector<double>& values, std::size_t samples, std::uint64_t seed);

// Interval of mean(a - b) over paired values (a[i] and b[i] describe the same customer).
Interval bootstrap_mean_difference(const std::vector<double>& a, const std::vector<double>& b,
                                   std::size_t samples, std::uint64_t seed);

}  // namespace bank
