// The behavioural model as the browser receives it from /api/ranking-model (a truncated or
// tampered answer must be an error the app shows, not a wrong ranking or a crash), followed into
// on-device ranking of the test bank's customers when it fits the test catalog.
#include <nlohmann/json.hpp>

#include "ranking_support.h"
#include "shared/ranking/behavior_model_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const auto j = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false);
    auto model = behavior_model_from_json(j, "/api/ranking-model");
    if (!model) {
        fuzz::require(model.error().message.rfind("/api/ranking-model: behavioral model ", 0) == 0,
                      "errors name the source");
        return 0;
    }
    const BehaviorModel& m = model.value();
    const std::size_t n = m.product_ids.size();
    fuzz::require(m.holders.size() == n && m.prior.size() == n && m.co_ownership.size() == n * n,
                  "per-product vectors match the product count");
    fuzz::require(m.spending.features == m.merchant_categories.size(), "spending features match the categories");
    fuzz::rank_test_bank(std::move(model).value(), RankingWeights{});
    return 0;
}
