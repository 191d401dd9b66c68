#include "proxy/static_files.h"

#include <sys/stat.h>

#include <cstdlib>
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

StaticMounts mount_static_files(httplib::Server& server, const ProxyConfig& config,
                                const std::function<void(const std::string&)>& warn) {
    StaticMounts mounted;
    const std::pair<const char*, std::string> mounts[] = {
        {"/app/", config.app_dir},
        {"/vendor/onnxruntime-web/", config.vendor_dir},
        {"/images/", config.data_dir + "/images"},
        {"/models/", config.models_dir},
        {"/", config.web_dir},  // last: the more specific mounts win
    };
    for (const auto& [at, dir] : mounts) {
        if (!server.set_mount_point(at, dir)) {
            warn(std::string("not serving ") + at + ": no folder " + dir);
            continue;
        }
        char* real = ::realpath(dir.c_str(), nullptr);
        mounted.push_back({at, dir, real ? real : dir});
        std::free(real);
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
    return mounted;
}

namespace {

// cpp-httplib's detail::is_valid_path: the library skips a mount for a path that climbs out of
// it with "..", so the check below must skip the same mounts to judge the file it would serve.
bool library_accepts_path(const std::string& path) {
    std::size_t level = 0;
    std::size_t i = 0;
    while (i < path.size() && path[i] == '/') ++i;
    while (i < path.size()) {
        const std::size_t begin = i;
        while (i < path.size() && path[i] != '/') ++i;
        const std::string part = path.substr(begin, i - begin);
        if (part == "..") {
            if (level == 0) return false;
            --level;
        } else if (part != ".") {
            ++level;
        }
        while (i < path.size() && path[i] == '/') ++i;
    }
    return true;
}

}  // namespace

bool leads_outside_mount(const StaticMounts& mounts, const std::string& path) {
    for (const StaticMount& m : mounts) {
        if (path.compare(0, m.at.size(), m.at) != 0) continue;
        const std::string sub = "/" + path.substr(m.at.size());
        if (!library_accepts_path(sub)) continue;
        std::string file = m.dir + sub;
        if (file.back() == '/') file += "index.html";
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        // The first mount holding the file is the one the library serves it from.
        char* real = ::realpath(file.c_str(), nullptr);
        const bool inside = real && std::string(real).rfind(m.real_dir + "/", 0) == 0;
        std::free(real);
        return !inside;
    }
    return false;
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
