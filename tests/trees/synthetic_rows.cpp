#include "synthetic_rows.h"

#include <cmath>
#include <limits>
#include <random>

namespace bank::trees_test {
namespace {

constexpr std::size_t kFeatures = 20;
constexpr std::size_t kConstant = 14;   // always 1, never missing
constexpr std::size_t kDuplicate = 15;  // a copy of feature 3
constexpr std::size_t kFewValued = 16;  // 0..4
constexpr double kMissingShare = 0.10;

float present(const std::vector<float>& row, std::size_t f) {
    return std::isnan(row[f]) ? 0.0f : row[f];
}

}  // namespace

SyntheticRows make_synthetic_rows(std::size_t rows, unsigned seed, std::size_t rows_per_customer) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    std::uniform_int_distribution<int> few(0, 4);
    SyntheticRows out;
    out.rows = rows;
    out.features = kFeatures;
    for (std::size_t r = 0; r < rows; ++r) {
        std::vector<float> row(kFeatures);
        for (std::size_t f = 0; f < kFeatures; ++f) row[f] = normal(rng) * static_cast<float>(1 + f % 4);
        row[kConstant] = 1.0f;
        row[kDuplicate] = row[3];
        row[kFewValued] = static_cast<float>(few(rng));
        for (std::size_t f = 0; f < kFeatures; ++f) {
            if (f != kConstant && uniform(rng) < kMissingShare) row[f] = std::numeric_limits<float>::quiet_NaN();
        }
        const float a = present(row, 0), b = present(row, 1), c = present(row, 2), d = present(row, 3);
        const float e = present(row, kFewValued), m = std::isnan(row[5]) ? 1.0f : 0.0f;
        const float score = 0.8f * a - 0.5f * b * c + 0.3f * d + 0.4f * e - 0.8f + m + 0.7f * normal(rng);
        out.binary_label.push_back(score > 0 ? 1.0f : 0.0f);
        const float s0 = a + 0.5f * normal(rng), s1 = b * c + 0.5f * normal(rng), s2 = 0.5f * e - 1.0f + m;
        out.class_label.push_back(s0 >= s1 && s0 >= s2 ? 0.0f : (s1 >= s2 ? 1.0f : 2.0f));
        out.values.insert(out.values.end(), row.begin(), row.end());
        out.customer.push_back("C" + std::to_string(r / rows_per_customer));
    }
    return out;
}

}  // namespace bank::trees_test
