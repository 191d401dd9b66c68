// A larger JSON answer (a banker's book runs to megabytes, the catalog to tens of kilobytes, a
// customer's record to a few) sent gzip-compressed when the client says it accepts gzip. Compressed
// here, at a fast level, rather than by cpp-httplib, which picks brotli at its slowest setting
// whenever a browser offers "br" (seconds for a book; api_response.h).
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

namespace bank::proxy {

// True when an Accept-Encoding header value accepts gzip ("gzip", "x-gzip" or "*", q above 0).
bool accepts_gzip(std::string_view accept_encoding);

// RFC 1952 gzip of `data`; empty when zlib fails (the caller then sends the text as it is).
std::string gzip_text(std::string_view data);

// `json_text` as a JSON answer with `status`, compressed when the request accepts gzip.
void send_json_maybe_gzipped(const httplib::Request& req, httplib::Response& res, int status, std::string json_text);

// The same for an answer that never changes, compressed once beforehand (gzip_text; "" = none).
void send_json_precompressed(const httplib::Request& req, httplib::Response& res, const std::string& json_text,
                             const std::string& gzipped);

}  // namespace bank::proxy
