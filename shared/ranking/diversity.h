// Top-k selection with maximal marginal relevance across product categories: each pick maximizes
// (1 - diversity) * relevance - diversity * [its category was already picked], relevance scaled
// to 0..1 over the candidates. Without it a customer who fits "cards" gets seven cards.
// Deterministic: equal objectives go to the higher relevance, then to the smaller product id.
#pragma once

#include <vector>

namespace bank {

struct DiversityInput {
    const std::vector<float>* relevance = nullptr;          // per product
    const std::vector<unsigned char>* candidate = nullptr;  // 1 = eligible and not held
    const std::vector<int>* category = nullptr;             // per product, a code >= 0
    const std::vector<int>* id_order = nullptr;             // per product: rank of its id
};

// Indices of up to k products in pick order; fewer when fewer candidates exist.
std::vector<int> select_diverse(const DiversityInput& in, int k, double diversity);

}  // namespace bank
