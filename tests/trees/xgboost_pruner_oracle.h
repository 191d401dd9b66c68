// What XGBoost's own pruner (the "prune" updater) writes when it turns a split into a leaf: the
// reference for the value leaf_privacy.cpp gives the splits it collapses. The pruner is run on the
// saved model with process_type=update, once cutting every split (a huge gamma) and once per depth
// limit, which between them collapse the root and every split below level 1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "xgboost_session.h"

namespace bank::trees_test {

// (tree, node index in the tree) -> the leaf value XGBoost gives that split when it collapses it.
using CollapseValues = std::map<std::pair<std::size_t, std::int32_t>, float>;

CollapseValues xgboost_collapse_values(const std::string& model_json, const XgbMatrix& train, int rounds,
                                       const std::string& learning_rate, int max_depth);

}  // namespace bank::trees_test
