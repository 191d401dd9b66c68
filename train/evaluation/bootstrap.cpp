#include "train/evaluation/bootstrap.h"

#include <algorithm>

#include "train/evaluation/protocol.h"

namespace bank {

Interval bootstrap_mean(const std::vector<double>& values, std::size_t samples, std::uint64_t seed) {
    Interval out;
    const std::size_t n = values.size();
    if (n == 0) return out;
    double sum = 0;
    for (double v : values) sum += v;
    out.mean = sum / static_cast<double>(n);
    if (samples == 0) {
        out.low = out.high = out.mean;
        return out;
    }
    std::vector<double> means(samples);
    std::uint64_t state = mix64(seed ^ 0x626f6f74);  // "boot"
    for (std::size_t s = 0; s < samples; ++s) {
        double resampled = 0;
        for (std::size_t i = 0; i < n; ++i) {
            state = mix64(state);
            resampled += values[state % n];
        }
        means[s] = resampled / static_cast<double>(n);
    }
    std::sort(means.begin(), means.end());
    const auto at = [&](double q) {
        return means[std::min(samples - 1, static_cast<std::size_t>(q * static_cast<double>(samples)))];
    };
    out.low = at(0.025);
    out.high = at(0.975);
    return out;
}

Interval bootstrap_mean_difference(const std::vector<double>& a, const std::vector<double>& b,
                                   std::size_t samples, std::uint64_t seed) {
    std::vector<double> diff(std::min(a.size(), b.size()));
    for (std::size_t i = 0; i < diff.size(); ++i) diff[i] = a[i] - b[i];
    return bootstrap_mean(diff, samples, seed);
}

}  // namespace bank
