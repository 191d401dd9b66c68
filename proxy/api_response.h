// How every API answer is written: JSON bodies, and errors in one shape,
// {"error":{"code":"...","message":"..."}}, where `code` is stable for programs and `message`
// tells a person what to do. Nothing secret or personal goes into an error message.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string_view>

namespace bank::proxy {

// Every API answer's type. Not "application/json" exactly: cpp-httplib compresses that type itself,
// with brotli at its slowest setting whenever the browser offers "br" (every browser does): 35-40 ms
// for the 39 kB catalog, which every sign-in waits for, 2-3 ms for an answer of 100 bytes. Small
// answers go as they are; the larger ones are gzipped here, at a fast level (gzip_answer.h).
inline constexpr const char* kJsonType = "application/json; charset=utf-8";

// The body as JSON text (invalid UTF-8 replaced), not compressed: for answers of a few hundred
// bytes. A larger one goes through send_json_maybe_gzipped (gzip_answer.h).
std::string json_text(const nlohmann::json& body);
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_json_text(httplib::Response& res, int status, std::string body);
void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message);

// The body a response with this status gets when a handler (or cpp-httplib itself, e.g. for 413
// or an unknown path) set none.
void fill_default_error(httplib::Response& res);

}  // namespace bank::proxy
