// The error document every refused API call answers with: {"error": {"code", "message"}}, where
// `code` is stable for programs and `message` tells a person what to do (docs/API.md,
// "Conventions"). A body that is not this document (a gateway's HTML page) is an error of its
// own, so the app can fall back to the status.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/data/load_error.h"

namespace bank::api {

struct ApiError {
    std::string code;     // "not_found"
    std::string message;  // "No customer with this id in your book."
};

nlohmann::json write_api_error(const ApiError& error);
// `source` names where the JSON came from, for the error: "/api/book/7".
Loaded<ApiError> read_api_error(const nlohmann::json& j, std::string_view source);

}  // namespace bank::api
