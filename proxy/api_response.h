// How every API answer is written: JSON bodies, and errors in one shape,
// {"error":{"code":"...","message":"..."}}, where `code` is stable for programs and `message`
// tells a person what to do. Nothing secret or personal goes into an error message.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string_view>

namespace bank::proxy {

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_json_text(httplib::Response& res, int status, std::string body);
void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message);

// The body a response with this status gets when a handler (or cpp-httplib itself, e.g. for 413
// or an unknown path) set none.
void fill_default_error(httplib::Response& res);

}  // namespace bank::proxy
