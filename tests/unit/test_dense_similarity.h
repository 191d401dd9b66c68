// The text similarities the learned model was trained on: the dense dot product of each product's
// lexical vector with the profile's, every bucket in order. The faster sums of the core
// (propensity_features.h) are checked against it bit for bit. Header-only, like the other
// unit-test fixtures.
#pragma once

#include <cstddef>
#include <vector>

#include "shared/ranking/embedding.h"

namespace bank::testing {

inline std::vector<float> dense_similarities(const EmbeddingMatrix& m, const float* profile, std::size_t dimension) {
    std::vector<float> out(m.rows());
    for (std::size_t p = 0; p < m.rows(); ++p) {
        float dot = 0;
        for (std::size_t d = 0; d < dimension; ++d) dot += m.row(p)[d] * profile[d];
        out[p] = dot;
    }
    return out;
}

}  // namespace bank::testing
