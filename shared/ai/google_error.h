// The error body Google APIs (Gemini, Vertex AI Search, Custom Search) send with a non-2xx status:
// {"error": {"code": 429, "message": "...", "status": "RESOURCE_EXHAUSTED", "details": [
//   {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "31s"}, ...]}}
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bank::ai {

struct GoogleApiError {
    int code = 0;                 // HTTP status as Google states it
    std::string status;           // "INVALID_ARGUMENT", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", ...
    std::string message;          // Google's text; may echo request details, so never shown to users
    std::optional<double> retry_delay_seconds;  // from google.rpc.RetryInfo
};

// nullopt when `body` is not in that shape.
std::optional<GoogleApiError> parse_google_api_error(std::string_view body);

// A protobuf Duration in JSON: "31s", "0.5s", "1.000340012s". nullopt for anything else.
std::optional<double> parse_proto_duration(std::string_view text);

}  // namespace bank::ai
