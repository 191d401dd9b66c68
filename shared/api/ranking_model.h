// The ranking model document (GET /api/ranking-model, and the demo bundle's "ranking_model"):
// what the browser needs to rank on the device. The behavioural model holds only aggregates,
// each over at least min_group_size customers (shared/ranking/behavior_model_json.h); the
// weights are config/ranking.json's; the learned propensity model is XGBoost's JSON, left out
// when the proxy serves none.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/data/load_error.h"
#include "shared/ranking/behavior_model.h"
#include "shared/ranking/ranking_weights.h"

namespace bank::api {

struct RankingModel {
    BehaviorModel behavior;
    RankingWeights weights;
    // XGBoost JSON; null = none. Only its type is checked here: whether it can score this
    // catalog is known once the catalog is there (with_propensity_model), and a model that
    // cannot leaves the app ranking with the hybrid, with a notice.
    nlohmann::json propensity;
};

nlohmann::json write_ranking_model(const RankingModel& model);
// `source` names where the JSON came from, for the error: "/api/ranking-model".
Loaded<RankingModel> read_ranking_model(const nlohmann::json& j, std::string_view source);

}  // namespace bank::api
