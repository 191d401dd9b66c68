#include "shared/ai/google_error.h"

#include <cstdlib>

#include "shared/data/json_depth.h"

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
    const auto j = parse_json_within_depth(body);
    const auto error = j.is_object() ? j.find("error") : j.end();
    if (!j.is_object() || error == j.end() || !error->is_object()) return std::nullopt;
    const auto text = [&](const nlohmann::json& object, const char* key) {
        const auto it = object.find(key);
        return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    GoogleApiError e;
    if (const auto code = error->find("code"); code != error->end() && code->is_number_integer()) e.code = code->get<int>();
    e.status = text(*error, "status");
    e.message = text(*error, "message");
    const auto details = error->find("details");
    if (details == error->end() || !details->is_array()) return e;
    for (const auto& d : *details) {
        if (!d.is_object() || text(d, "@type") != "type.googleapis.com/google.rpc.RetryInfo") continue;
        e.retry_delay_seconds = parse_proto_duration(text(d, "retryDelay"));
    }
    return e;
}

}  // namespace bank::ai
