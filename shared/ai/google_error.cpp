#include "shared/ai/google_error.h"

#include <cstdlib>

#include "shared/ai/json_access.h"

namespace bank::ai {

std::optional<double> parse_proto_duration(std::string_view text) {
    if (text.size() < 2 || text.size() > 32 || text.back() != 's') return std::nullopt;
    const std::string number(text.substr(0, text.size() - 1));
    bool dot = false;
    for (char c : number) {
        if (c == '.' && !dot) dot = true;
        else if (c < '0' || c > '9') return std::nullopt;
    }
    if (number.front() == '.' || number.back() == '.') return std::nullopt;
    return std::strtod(number.c_str(), nullptr);
}

std::optional<GoogleApiError> parse_google_api_error(std::string_view body) {
    const auto j = nlohmann::json::parse(body, nullptr, false);
    const nlohmann::json* error = member(j, "error");
    if (!error || !error->is_object()) return std::nullopt;
    GoogleApiError e;
    if (const auto* code = member(*error, "code"); code && code->is_number_integer()) e.code = code->get<int>();
    e.status = string_member(*error, "status");
    e.message = string_member(*error, "message");
    if (const auto* details = member(*error, "details"); details && details->is_array()) {
        for (const auto& d : *details) {
            if (string_member(d, "@type") != "type.googleapis.com/google.rpc.RetryInfo") continue;
            e.retry_delay_seconds = parse_proto_duration(string_member(d, "retryDelay"));
        }
    }
    return e;
}

}  // namespace bank::ai
