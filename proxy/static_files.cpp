#include "proxy/static_files.h"

#include <utility>

namespace bank::proxy {

const char* const kContentSecurityPolicy =
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'; "
    "worker-src 'self' blob:; "
    "connect-src 'self' blob: data:; "
    "img-src 'self' blob: data:; "
    "style-src 'self'; "
    "font-src 'self'; "
    "object-src 'none'; "
    "base-uri 'none'; "
    "form-action 'self'; "
    "frame-ancestors 'none'";

void mount_static_files(httplib::Server& server, const ProxyConfig& config,
                        const std::function<void(const std::string&)>& warn) {
    const std::pair<const char*, std::string> mounts[] = {
        {"/app/", config.app_dir},
        {"/vendor/onnxruntime-web/", config.vendor_dir},
        {"/images/", config.data_dir + "/images"},
        {"/models/", config.models_dir},
        {"/", config.web_dir},  // last: the more specific mounts win
    };
    for (const auto& [at, dir] : mounts) {
        if (!server.set_mount_point(at, dir)) warn(std::string("not serving ") + at + ": no folder " + dir);
    }
    const std::pair<const char*, const char*> types[] = {
        {"html", "text/html; charset=utf-8"}, {"js", "text/javascript"},
        {"mjs", "text/javascript"},           {"wasm", "application/wasm"},
        {"css", "text/css"},                  {"json", "application/json"},
        {"png", "image/png"},                 {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},               {"svg", "image/svg+xml"},
        {"ico", "image/x-icon"},              {"webp", "image/webp"},
        {"onnx", "application/octet-stream"}, {"bin", "application/octet-stream"},
        {"txt", "text/plain; charset=utf-8"}, {"map", "application/json"},
        {"woff2", "font/woff2"},              {"ttf", "font/ttf"},
        {"data", "application/octet-stream"}, {"md", "text/markdown; charset=utf-8"},
    };
    for (const auto& [ext, mime] : types) server.set_file_extension_and_mimetype_mapping(ext, mime);
}

void add_security_headers(httplib::Response& res, bool tls) {
    res.set_header("Content-Security-Policy", kContentSecurityPolicy);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    res.set_header("Cross-Origin-Embedder-Policy", "require-corp");
    res.set_header("Cross-Origin-Resource-Policy", "same-origin");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (tls) res.set_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    // Static files revalidate so a rebuilt app is picked up; API answers set no-store themselves.
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-cache");
}

}  // namespace bank::proxy
