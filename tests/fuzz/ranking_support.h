// Ranking every customer of the test bank on the device, as the app does with what
// /api/ranking-model serves, so the model and weight targets follow a parsed value into use.
#pragma once

#include <cmath>

#include "fuzz_support.h"
#include "shared/ranking/device_ranker.h"

namespace bank::fuzz {

inline const SpendingByCustomer& test_spending() {
    static const SpendingByCustomer spending = spending_by_customer(test_bank().transactions);
    return spending;
}

// Whatever the model and weights hold, ranking ends in an error or in at most top_k eligible,
// distinct products with finite scores.
inline void rank_test_bank(BehaviorModel model, const RankingWeights& weights) {
    auto ranker = make_device_ranker(test_bank().catalog, std::move(model), weights);
    if (!ranker) return;
    static const std::vector<CategorySpend> none;
    for (const Customer& c : test_bank().customers) {
        const auto found = test_spending().find(c.id);
        const auto result = rank_on_device(ranker.value(), c, found == test_spending().end() ? none : found->second);
        if (!result) continue;
        const auto& recs = result.value().recommendations;
        require(recs.size() <= static_cast<std::size_t>(weights.top_k), "at most top_k recommendations");
        for (std::size_t i = 0; i < recs.size(); ++i) {
            require(recs[i].product_index >= 0 &&
                        recs[i].product_index < static_cast<int>(test_bank().catalog.size()),
                    "recommendations are catalog products");
            require(std::isfinite(recs[i].score), "scores are finite");
            for (std::size_t j = 0; j < i; ++j)
                require(recs[j].product_index != recs[i].product_index, "no product twice");
        }
    }
}

}  // namespace bank::fuzz
