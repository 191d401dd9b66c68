#include "shared/ranking/dot_products.h"

#include <algorithm>
#include <cstring>

namespace bank {

namespace {

// Four floats as one value. GCC and Clang (hence emcc) both compile this GNU vector type to a
// 128-bit SIMD register: SSE natively, v128 in wasm with -msimd128. Plain loops were tried first;
// GCC vectorized the 2x4 kernel across the wrong loop and spent its time shuffling.
typedef float Lanes __attribute__((vector_size(16)));
constexpr std::size_t kLanes = 4;

// How many A rows share one pass over a group of four B rows: the group then stays in L1 cache
// while these A rows are scored, instead of being re-read from L2 for every A row.
constexpr std::size_t kRowsPerBlock = 8;

Lanes load(const float* p) {
    Lanes v;
    std::memcpy(&v, p, sizeof v);  // unaligned load; rows need no special alignment
    return v;
}

float sum_lanes(Lanes v) {
    return (v[0] + v[1]) + (v[2] + v[3]);
}

// Two A rows against four B rows: each loaded value is used two or four times, so the loop is
// bound by multiply-adds, not loads. Eight accumulators fit the 16 SIMD registers of SSE and hide
// the latency of the adds.
void dot_two_by_four(const float* a0, const float* a1, const float* b, std::size_t n, float* out0,
                     float* out1) {
    const float* b0 = b;
    const float* b1 = b + n;
    const float* b2 = b + 2 * n;
    const float* b3 = b + 3 * n;
    Lanes s00 = {}, s01 = {}, s02 = {}, s03 = {}, s10 = {}, s11 = {}, s12 = {}, s13 = {};
    std::size_t i = 0;
    for (; i + kLanes <= n; i += kLanes) {
        const Lanes x0 = load(a0 + i), x1 = load(a1 + i);
        const Lanes y0 = load(b0 + i), y1 = load(b1 + i), y2 = load(b2 + i), y3 = load(b3 + i);
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
    }
    float r0[4] = {sum_lanes(s00), sum_lanes(s01), sum_lanes(s02), sum_lanes(s03)};
    float r1[4] = {sum_lanes(s10), sum_lanes(s11), sum_lanes(s12), sum_lanes(s13)};
    for (; i < n; ++i) {
        for (std::size_t k = 0; k < 4; ++k) {
            r0[k] += a0[i] * b[k * n + i];
            r1[k] += a1[i] * b[k * n + i];
        }
    }
    std::copy(r0, r0 + 4, out0);
    std::copy(r1, r1 + 4, out1);
}

float dot_one(const float* a, const float* b, std::size_t n) {
    Lanes s0 = {}, s1 = {};
    std::size_t i = 0;
    for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
        s0 += load(a + i) * load(b + i);
        s1 += load(a + i + kLanes) * load(b + i + kLanes);
    }
    float r = sum_lanes(s0 + s1);
    for (; i < n; ++i) r += a[i] * b[i];
    return r;
}

// Scores A rows [first, last) against all B rows.
void dot_block(const float* a_rows, std::size_t first, std::size_t last, const float* b_rows,
               std::size_t count_b, std::size_t n, float* out) {
    std::size_t b = 0;
    for (; b + 4 <= count_b; b += 4) {
        const float* group = b_rows + b * n;
        std::size_t a = first;
        for (; a + 2 <= last; a += 2) {
            dot_two_by_four(a_rows + a * n, a_rows + (a + 1) * n, group, n, out + a * count_b + b,
                            out + (a + 1) * count_b + b);
        }
        for (; a < last; ++a) {
            for (std::size_t k = 0; k < 4; ++k) {
                out[a * count_b + b + k] = dot_one(a_rows + a * n, group + k * n, n);
            }
        }
    }
    for (; b < count_b; ++b) {
        for (std::size_t a = first; a < last; ++a) {
            out[a * count_b + b] = dot_one(a_rows + a * n, b_rows + b * n, n);
        }
    }
}

}  // namespace

void dot_products(const float* a_rows, std::size_t count_a, const float* b_rows, std::size_t count_b,
                  std::size_t dimension, float* out) {
    for (std::size_t first = 0; first < count_a; first += kRowsPerBlock) {
        const std::size_t last = std::min(count_a, first + kRowsPerBlock);
        dot_block(a_rows, first, last, b_rows, count_b, dimension, out);
    }
}

}  // namespace bank
