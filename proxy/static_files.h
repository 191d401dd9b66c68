// The app's files and the headers every answer carries. The page must be cross-origin isolated
// (COOP + COEP) so ONNX Runtime Web can use threads, and its CSP allows exactly what the wasm app
// and ORT Web need: our own origin, WebAssembly compilation, and blob: workers.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>

#include "proxy/proxy_config.h"

namespace bank::proxy {

// Mounts web/ at /, the wasm build at /app/, ORT Web at /vendor/onnxruntime-web/, data/images at
// /images/ and models/ at /models/. A missing folder is reported through `warn`, not fatal: the
// API works without the page. Nothing else under data/ is ever served.
void mount_static_files(httplib::Server& server, const ProxyConfig& config,
                        const std::function<void(const std::string&)>& warn);

void add_security_headers(httplib::Response& res, bool tls);

extern const char* const kContentSecurityPolicy;

}  // namespace bank::proxy
