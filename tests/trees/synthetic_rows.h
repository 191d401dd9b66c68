// Seeded training data shaped like the awkward parts of real customer tables: missing values,
// a constant column, a duplicated column, a few-valued column, pure noise.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace bank::trees_test {

struct SyntheticRows {
    std::size_t rows = 0;
    std::size_t features = 0;
    std::vector<float> values;          // row-major, NaN = missing
    std::vector<float> binary_label;    // 0 or 1
    std::vector<float> class_label;     // 0, 1 or 2
    std::vector<std::string> customer;  // rows_per_customer consecutive rows share one
};

SyntheticRows make_synthetic_rows(std::size_t rows, unsigned seed, std::size_t rows_per_customer);

}  // namespace bank::trees_test
