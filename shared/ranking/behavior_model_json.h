// The behavioral model travels from the proxy to the browser as JSON: it is learned from every
// customer's holdings and spending, which no browser may see, but it holds only aggregates over
// the bank's customers (per-product counts, co-ownership rates and the shrunk average features
// of holders), never a row about one person, and each aggregate rests on at least
// "min_group_size" (k) customers (fit_behavior_model; docs/API.md, "What a published model can
// reveal"). Ranking then runs on the customer's device.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/ranking/behavior_model.h"
#include "shared/ranking/checked.h"

namespace bank {

nlohmann::json behavior_model_to_json(const BehaviorModel& model);

// Checks shapes (every matrix matches the product and feature counts), finiteness and the ranges a
// fit produces (probabilities in (0, 1], counts that fit an int, bounded profiles), so a truncated
// or tampered answer is an error the app shows rather than a wrong ranking or scores of NaN.
Checked<BehaviorModel> behavior_model_from_json(const nlohmann::json& j, std::string_view source);

}  // namespace bank
