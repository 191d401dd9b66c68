// The one hot loop of the ranker: dot products between rows of two flat float matrices. Scoring a
// banker book (10,000 customers x 100 products x 896 dims) is ~0.9 G multiply-adds, so this is
// written for the compiler's auto-vectorizer: plain C++, the same source natively (SSE) and in
// wasm (-msimd128), no intrinsics.
#pragma once

#include <cstddef>

namespace bank {

// out[a * count_b + b] = sum_d a_rows[a * dimension + d] * b_rows[b * dimension + d]
void dot_products(const float* a_rows, std::size_t count_a, const float* b_rows, std::size_t count_b,
                  std::size_t dimension, float* out);

}  // namespace bank
