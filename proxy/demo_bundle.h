// The demo bundle: the app's static demo mode (DESIGN: "demo from a static server") needs the
// same documents the proxy's API would send one customer and one banker, in one file
// (shared/api/demo_bundle.h). It is built from the bundled synthetic data by `bank-proxy
// export-demo`, with the codecs the routes write with, so demo and live app decode the same shapes.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "proxy/bank_records.h"
#include "shared/ranking/holder_profile.h"
#include "shared/ranking/ranking_weights.h"

namespace bank::proxy {

// {"label", "catalog" (= GET /api/catalog), "ranking_model" (= GET /api/ranking-model),
//  "customer": {"me", "profile" (= GET /api/profile)}, "banker": {"me", "book" (= GET /api/book)}}.
// An error message when the customer or banker does not exist. The ranking model is the one the
// proxy would serve with --min-group-size min_group_size and this propensity model ("" = none).
std::variant<nlohmann::json, std::string> demo_bundle(const BankRecords& records, const RankingWeights& weights,
                                                      std::int64_t customer_id, const std::string& banker_id,
                                                      int min_group_size = kDefaultMinGroupSize,
                                                      const std::string& propensity_model = {});

// Writes the bundle to `path` through a temporary file and a rename: never half a file.
std::string write_demo_bundle(const nlohmann::json& bundle, const std::string& path);

}  // namespace bank::proxy
