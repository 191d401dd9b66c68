// The two-tree fixture (tests/data/trees/two_trees.json): a hand-written XGBoost 1.7 model that
// XGBoost itself loads, read once here for every tree test.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "shared/ranking/trees/tree_ensemble.h"

namespace bank::testing {

inline std::string two_trees_text() {
    std::ifstream in(std::string(PROJECT_SOURCE_DIR) + "/tests/data/trees/two_trees.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline TreeEnsemble two_trees_model() {
    auto model = parse_xgboost_model(two_trees_text(), "two_trees.json");
    REQUIRE(model.ok());
    return std::move(model).value();
}

}  // namespace bank::testing
