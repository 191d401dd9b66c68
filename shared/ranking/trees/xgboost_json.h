// Reading the JSON XGBoost writes. XGBoost writes a non-finite float as a bare word (NaN, Infinity,
// -Infinity), which is not JSON, so a model whose training diverged would be "not JSON" instead of
// "tree 12 node 5: leaf value is NaN". These words, outside strings, are read as the strings
// "NaN", "Infinity" and "-Infinity"; xgboost_float reads either form back as a float.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace bank {

// The document, or a discarded value (is_discarded()) when the text is not JSON even with XGBoost's
// words for non-finite floats, or nests deeper than any XGBoost model does. Never throws.
nlohmann::json parse_xgboost_json(std::string_view text);

// A number, or one of the strings above, as the float XGBoost holds. False for anything else.
bool xgboost_float(const nlohmann::json& value, float& out);

}  // namespace bank
