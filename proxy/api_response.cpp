#include "proxy/api_response.h"

namespace bank::proxy {

std::string json_text(const nlohmann::json& body) {
    // Replacement of invalid UTF-8 rather than an exception: data files are validated UTF-8, but
    // upstream text is not under our control.
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void send_json_text(httplib::Response& res, int status, std::string body) {
    res.status = status;
    res.set_content(std::move(body), kJsonType);
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    send_json_text(res, status, json_text(body));
}

void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message) {
    send_json(res, status,
              {{"error", {{"code", std::string(code)}, {"message", std::string(message)}}}});
}

void fill_default_error(httplib::Response& res) {
    switch (res.status) {
    case 400: return send_error(res, 400, "bad_request", "The request could not be read.");
    case 401: return send_error(res, 401, "unauthorized", "Sign in first.");
    case 403: return send_error(res, 403, "forbidden", "You may not do this.");
    case 404: return send_error(res, 404, "not_found", "There is nothing at this address.");
    case 405: return send_error(res, 405, "method_not_allowed", "This address does not accept this method.");
    case 413:
        return send_error(res, 413, "payload_too_large", "The request body is larger than this server accepts.");
    case 414: return send_error(res, 414, "uri_too_long", "The address is too long.");
    case 415:
        return send_error(res, 415, "unsupported_media_type", "Send the body as application/json.");
    case 416: return send_error(res, 416, "range_not_satisfiable", "The requested byte range is not available.");
    case 429: return send_error(res, 429, "too_many_requests", "Too many requests; wait and try again.");
    case 503: return send_error(res, 503, "unavailable", "The service is unavailable; try again later.");
    default:
        if (res.status >= 500) return send_error(res, res.status, "internal", "Something went wrong on the server.");
        return send_error(res, res.status, "error", "The request failed.");
    }
}

}  // namespace bank::proxy
