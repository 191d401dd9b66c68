#include "proxy/static_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>

#include "proxy/gzip_answer.h"

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

namespace {
void serve_file(const StaticMounts& mounts, const httplib::Request& req, httplib::Response& res);
}  // namespace

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
    server.set_file_request_handler([mounted](const httplib::Request& req, httplib::Response& res) {
        serve_file(mounted, req, res);
    });
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

bool is_regular_file(const std::string& file, struct stat& st) {
    return ::stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool inside(const StaticMount& m, const std::string& file) {
    char* real = ::realpath(file.c_str(), nullptr);
    const bool in = real && std::string(real).rfind(m.real_dir + "/", 0) == 0;
    std::free(real);
    return in;
}

struct ServedFile {
    const StaticMount* mount;
    std::string file;
    struct stat st;  // of `file`, as found
};

// The file cpp-httplib serves for `path`: the first mount holding it is the one it is served from.
std::optional<ServedFile> served_file(const StaticMounts& mounts, const std::string& path) {
    for (const StaticMount& m : mounts) {
        if (path.compare(0, m.at.size(), m.at) != 0) continue;
        const std::string sub = "/" + path.substr(m.at.size());
        if (!library_accepts_path(sub)) continue;
        std::string file = m.dir + sub;
        if (file.back() == '/') file += "index.html";
        struct stat st {};
        if (is_regular_file(file, st)) return ServedFile{&m, file, st};
    }
    return std::nullopt;
}

// Built next to the app's large files at build time (wasm/CMakeLists.txt): bank_app.wasm.gz beside
// bank_app.wasm. Sent in its place to a browser that accepts gzip, unless the file was rebuilt
// since (the copy would be stale), the request asks for a range, or the copy is a link leading out
// of the mount. Other text files are gzipped as they are sent (serve_file).
struct PackedCopy {
    std::string file;
    struct stat st;
};

std::optional<PackedCopy> usable_packed_copy(const ServedFile& served, const httplib::Request& req) {
    PackedCopy packed{served.file + ".gz", {}};
    if (!is_regular_file(packed.file, packed.st) || packed.st.st_mtime < served.st.st_mtime) return std::nullopt;
    if (!accepts_gzip(req.get_header_value("Accept-Encoding")) || req.has_header("Range")) return std::nullopt;
    if (!inside(*served.mount, packed.file)) return std::nullopt;
    return packed;
}

// `bytes` as the answer's body, gzip-encoded or not, in place of the file the library read. A
// provider of known length is sent as it is; the library compresses only bodies it holds.
void send_bytes(std::string bytes, bool gzipped, const ServedFile& served, httplib::Response& res) {
    auto shared = std::make_shared<const std::string>(std::move(bytes));
    const std::string type = res.get_header_value("Content-Type");
    res.body.clear();
    res.headers.erase("Content-Type");  // set again with the provider
    if (gzipped) {
        res.set_header("Content-Encoding", "gzip");
        // What the browser will have once it is decoded, for the page's download progress.
        res.set_header("X-Uncompressed-Length", std::to_string(served.st.st_size));
    }
    res.set_content_provider(shared->size(), type,
                             [shared](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 return sink.write(shared->data() + offset, length);
                             });
}

// False when the copy cannot be read: the library's answer (the file itself) then stands.
bool send_packed_copy(const ServedFile& served, const PackedCopy& packed, httplib::Response& res) {
    std::ifstream in(packed.file, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.good() && !in.eof()) return false;
    send_bytes(std::move(bytes), true, served, res);
    return true;
}

// What cpp-httplib would compress itself as it sends it: with brotli at its slowest setting
// whenever the browser offers "br", 10-20 ms for each of the page's scripts (BENCHMARKS.md).
bool library_would_compress(const std::string& type) {
    return (type.rfind("text/", 0) == 0 && type != "text/event-stream") || type == "image/svg+xml" ||
           type == "application/javascript" || type == "application/json" || type == "application/xml" ||
           type == "application/xhtml+xml";
}

// A validator of what is sent: the file's size and modification time, and its coding (the gzip
// copy and the file itself are two representations of it).
std::string entity_tag(const struct stat& st, bool packed) {
    return "\"" + std::to_string(st.st_size) + "-" + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec) + (packed ? "-gzip" : "") + "\"";
}

// True when If-None-Match ("*", or a list of tags) names `tag`; compared weakly (RFC 9110 13.1.2).
bool none_match_names(const std::string& header, const std::string& tag) {
    std::size_t start = 0;
    while (start < header.size()) {
        const std::size_t end = std::min(header.find(',', start), header.size());
        std::string item = header.substr(start, end - start);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (item == "*" || item == tag || item == "W/" + tag) return true;
        start = end + 1;
    }
    return false;
}

// Every file answer varies with Accept-Encoding (a shared cache must not hand gzip to a browser
// that did not ask for it) and carries an entity tag, so that the browser revalidates its copy
// ("Cache-Control: no-cache") and is answered "304 Not Modified" while the file is unchanged: a
// returning banker does not download the 1.1 MB app again. (Chrome may also keep the machine code
// compiled from a cached .wasm; it did not for ours, see BENCHMARKS.md.)
void serve_file(const StaticMounts& mounts, const httplib::Request& req, httplib::Response& res) {
    res.set_header("Vary", "Accept-Encoding");
    const auto served = served_file(mounts, req.path);
    if (!served) return;
    if (res.status != 200) return;  // a range (206) goes as the library made it
    const std::optional<PackedCopy> packed = usable_packed_copy(*served, req);
    // A whole file the library read, of a type it would compress, with no precompressed copy: sent
    // by the proxy itself, gzipped (zlib's default level: a fraction of a millisecond for the
    // page's files) when the browser accepts gzip, else as it is.
    const bool sent_here = !packed && !res.body.empty() && library_would_compress(res.get_header_value("Content-Type"));
    const bool gzip = sent_here && accepts_gzip(req.get_header_value("Accept-Encoding")) && !req.has_header("Range");
    const std::string tag = entity_tag(packed ? packed->st : served->st, packed.has_value() || gzip);
    if (none_match_names(req.get_header_value("If-None-Match"), tag)) {
        res.status = 304;
        res.body.clear();
        res.headers.erase("Content-Type");  // nothing to compress: the answer has no body
        res.set_header("ETag", tag);
        return;
    }
    if (packed && !send_packed_copy(*served, *packed, res)) {
        res.set_header("ETag", entity_tag(served->st, false));
        return;
    }
    if (sent_here) {
        std::string zipped = gzip ? gzip_text(res.body) : std::string();
        const bool zipped_ok = !zipped.empty();  // zlib failed: the file as it is, under its own tag
        send_bytes(zipped_ok ? std::move(zipped) : std::move(res.body), zipped_ok, *served, res);
        if (gzip && !zipped_ok) return res.set_header("ETag", entity_tag(served->st, false));
    }
    res.set_header("ETag", tag);
}

}  // namespace

bool leads_outside_mount(const StaticMounts& mounts, const std::string& path) {
    const auto served = served_file(mounts, path);
    return served && !inside(*served->mount, served->file);
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
