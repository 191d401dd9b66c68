// The app's files and the headers every answer carries. The page must be cross-origin isolated
// (COOP + COEP) so ONNX Runtime Web can use threads, and its CSP allows exactly what the wasm app
// and ORT Web need: our own origin, WebAssembly compilation, and blob: workers.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>
#include <vector>

#include "proxy/proxy_config.h"

namespace bank::proxy {

// A folder served at a path, and where the folder really is (symbolic links resolved).
struct StaticMount {
    std::string at;
    std::string dir;
    std::string real_dir;
};
using StaticMounts = std::vector<StaticMount>;

// Mounts web/ at /, the wasm build at /app/, ORT Web at /vendor/onnxruntime-web/, data/images at
// /images/ and models/ at /models/. A missing folder is reported through `warn`, not fatal: the
// API works without the page. Nothing else under data/ is ever served. A file with a precompressed
// copy beside it (bank_app.wasm.gz, made at build time) is sent as that copy, Content-Encoding: gzip,
// to a browser that accepts gzip; the library compresses other text files as it sends them. Every
// file carries an ETag, and a revalidation of an unchanged one is answered 304 Not Modified.
StaticMounts mount_static_files(httplib::Server& server, const ProxyConfig& config,
                                const std::function<void(const std::string&)>& warn);

// True when the file cpp-httplib would serve for `path` is reached through a symbolic link that
// leads out of its mounted folder (the library follows links anywhere): such a file is refused.
bool leads_outside_mount(const StaticMounts& mounts, const std::string& path);

void add_security_headers(httplib::Response& res, bool tls);

extern const char* const kContentSecurityPolicy;

}  // namespace bank::proxy
