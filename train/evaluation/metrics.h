// Ranking metrics on one customer's top-k list against the products they actually took up
// (the hidden holdings). Binary relevance throughout; definitions follow the common Kaggle /
// information-retrieval conventions so figures compare with published ones.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace bank {

// MAP@k's per-customer term (Kaggle): sum over ranks i <= k of precision@i at each hit, divided by
// min(|relevant|, k). 0 when nothing is relevant.
double average_precision_at_k(const std::vector<std::string>& ranked,
                              const std::vector<std::string>& relevant, std::size_t k);

// DCG@k / ideal DCG@k with gain 1 per hit and discount 1/log2(rank + 1).
double ndcg_at_k(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant,
                 std::size_t k);

// Share of the relevant products found in the top k.
double recall_at_k(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant,
                   std::size_t k);

// 1 when any relevant product is in the top k.
double hit_at_k(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant,
                std::size_t k);

// Distinct products recommended to anyone, as a share of the catalog.
double catalog_coverage(const std::vector<std::vector<std::string>>& lists, std::size_t catalog_size);

// How evenly the top-k lists expose product categories across customer groups (gender, age band):
// for each category, the smallest group's share of slots in that category over the largest
// group's, averaged with each category's overall share of slots as its weight. 1 = every group
// sees the same category mix. Groups with fewer than `min_group_size` customers are left out
// (their shares are noise). `group[i]` and `categories[i]` describe customer i's list.
struct ExposureRatio {
    double ratio = 1;                 // 1 when fewer than two groups qualify
    std::vector<std::string> groups;  // the groups compared
    std::string least_even_category;  // category with the lowest min/max ratio
    double least_even_ratio = 1;
};
ExposureRatio exposure_ratio(const std::vector<std::string>& group,
                             const std::vector<std::vector<std::string>>& categories,
                             std::size_t min_group_size);

}  // namespace bank
