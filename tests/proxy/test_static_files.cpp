// The app's files: right MIME types (application/wasm, text/javascript for .mjs), the security
// headers that make the page cross-origin isolated, nothing served outside the mounts, and the
// precompressed copies sent gzip-encoded only where they may be, and revalidated by entity tag.
#include <catch2/catch.hpp>

#include <sys/time.h>
#include <unistd.h>

#include <cstdlib>

#include "proxy_fixture.h"
#include "raw_connection.h"

using namespace bank::proxy::test;

namespace {
void check_security_headers(const httplib::Response& r) {
    const std::string csp = r.get_header_value("Content-Security-Policy");
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
    CHECK(csp.find("worker-src 'self' blob:") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(csp.find("'unsafe-eval'") == std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(r.get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(r.get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(r.get_header_value("Cross-Origin-Opener-Policy") == "same-origin");
    CHECK(r.get_header_value("Cross-Origin-Embedder-Policy") == "require-corp");
    CHECK(r.get_header_value("Cross-Origin-Resource-Policy") == "same-origin");
    CHECK_FALSE(r.has_header("Strict-Transport-Security"));  // only under TLS
}
}  // namespace

TEST_CASE("static files are served from their mounts with the right types", "[static]") {
    TestProxy proxy;
    struct Case {
        const char* path;
        const char* type;
    };
    const Case cases[] = {
        {"/", "text/html; charset=utf-8"},
        {"/index.html", "text/html; charset=utf-8"},
        {"/app/bank_app.wasm", "application/wasm"},
        {"/app/bank_app.js", "text/javascript"},
        {"/vendor/onnxruntime-web/ort.wasm.min.mjs", "text/javascript"},
        {"/vendor/onnxruntime-web/ort-wasm-simd-threaded.wasm", "application/wasm"},
        {"/images/CARD-CASHBACK.png", "image/png"},
        {"/models/manifest.json", "application/json"},
    };
    for (const Case& c : cases) {
        INFO(c.path);
        auto r = proxy.get(c.path);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Type") == c.type);
        check_security_headers(*r);
    }
}

TEST_CASE("API answers carry the security headers and are never cached", "[static]") {
    TestProxy proxy;
    for (const char* path : {"/api/catalog", "/api/me", "/api/nothing-here", "/healthz"}) {
        INFO(path);
        auto r = proxy.get(path);
        REQUIRE(r);
        check_security_headers(*r);
        CHECK(r->get_header_value("Content-Type") == "application/json; charset=utf-8");
    }
    CHECK(proxy.get("/api/catalog")->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("only the mounted folders are reachable", "[static]") {
    TestProxy proxy;
    for (const char* path :
         {"/users.csv", "/data/users.csv", "/images/../users.csv", "/images/%2e%2e/users.csv",
          "/app/../data/users.csv", "/customerdata.csv", "/images/../../data/customerdata.csv",
          "/no-such-file.js"}) {
        INFO(path);
        auto r = proxy.get(path);
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(r->body.find("pw-") == std::string::npos);
        CHECK(r->body.find("argon2id") == std::string::npos);
        CHECK(error_code(r) == "not_found");
    }
}

TEST_CASE("unknown API paths and wrong methods get JSON errors", "[static]") {
    TestProxy proxy;
    auto missing = proxy.get("/api/unknown");
    CHECK(missing->status == 404);
    CHECK(error_code(missing) == "not_found");
    auto wrong = proxy.get("/api/login");
    CHECK(wrong->status == 405);
    CHECK(wrong->get_header_value("Allow") == "POST");
    CHECK(error_code(wrong) == "method_not_allowed");
    auto wrong_post = proxy.post("/api/catalog", nlohmann::json::object());
    CHECK(wrong_post->status == 405);
    CHECK(wrong_post->get_header_value("Allow") == "GET");
}

TEST_CASE("the catalog lists every product with its image URL", "[static]") {
    TestProxy proxy;
    auto r = proxy.get("/api/catalog");
    REQUIRE(r->status == 200);
    const auto catalog = json_of(r);
    REQUIRE(catalog["products"].size() == 4);
    for (const auto& p : catalog["products"]) {
        const std::string url = p["image_url"];
        CHECK(url.rfind("/images/", 0) == 0);
        CHECK(proxy.get(url)->status == 200);
    }
}

TEST_CASE("the access log is structured and holds no personal data", "[static]") {
    TestProxy proxy;
    const std::string cookie = proxy.sign_in("banker01");
    proxy.get("/api/book/101?name=Liam", cookie);
    proxy.get("/app/bank_app.js?v=secret-query", cookie);
    const auto lines = proxy.log_lines(3);
    REQUIRE(lines.size() >= 3);
    bool saw_book = false;
    for (const std::string& line : lines) {
        INFO(line);
        const auto j = nlohmann::json::parse(line, nullptr, false);
        REQUIRE(j.is_object());
        CHECK(line.find("101") == std::string::npos);
        CHECK(line.find("Liam") == std::string::npos);
        CHECK(line.find("secret-query") == std::string::npos);
        CHECK(line.find("banker01") == std::string::npos);
        CHECK(line.find("bank_session") == std::string::npos);
        if (j["route"] == "/api/book/{customer_id}") {
            saw_book = true;
            CHECK(j["status"] == 200);
            CHECK(j["role"] == "banker");
        }
    }
    CHECK(saw_book);
}

TEST_CASE("a NUL in the path cannot change what a file is served as", "[static]") {
    TestProxy proxy;
    for (const char* path : {"/images/SAV-EASY.png%00.html", "/images/SAV-EASY.png%00", "/index.html%00.png",
                             "/api/catalog%00"}) {
        INFO(path);
        auto r = proxy.get(path);
        REQUIRE(r);
        CHECK(r->status == 400);
        CHECK(r->get_header_value("Content-Type") == "application/json; charset=utf-8");
        CHECK(error_code(r) == "bad_request");
    }
}

TEST_CASE("symbolic links inside a served folder are followed only within it", "[static]") {
    TestProxy proxy;
    const std::string images = proxy.config().data_dir + "/images";
    REQUIRE(symlink((proxy.config().data_dir + "/users.csv").c_str(), (images + "/users.png").c_str()) == 0);
    REQUIRE(symlink(proxy.config().data_dir.c_str(), (images + "/all-data").c_str()) == 0);
    REQUIRE(symlink((images + "/SAV-EASY.png").c_str(), (images + "/SAVINGS.png").c_str()) == 0);
    for (const char* path : {"/images/users.png", "/images/all-data/users.csv"}) {
        INFO(path);
        auto r = proxy.get(path);
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(r->body.find("argon2id") == std::string::npos);
    }
    auto inside = proxy.get("/images/SAVINGS.png");
    REQUIRE(inside);
    CHECK(inside->status == 200);
    CHECK(inside->body.find("SAV-EASY") != std::string::npos);
}

namespace {

// What the browser is sent, undecoded: the test judges the bytes on the wire.
httplib::Result get_raw(const TestProxy& proxy, const std::string& path, const httplib::Headers& headers) {
    httplib::Client c("127.0.0.1", proxy.port());
    c.set_decompress(false);
    return c.Get(path, headers);
}

// A real gzip file of `content` (gzip -n, as the build makes them), with the original's time.
std::string write_gzip_copy(const std::string& file) {
    REQUIRE(std::system(("gzip -9 -n -k -f '" + file + "'").c_str()) == 0);
    return read_file(file + ".gz");
}

std::string gunzip(const std::string& bytes, const std::string& dir) {
    write_file(dir + "/sent.gz", bytes);
    REQUIRE(std::system(("gzip -d -f '" + dir + "/sent.gz'").c_str()) == 0);
    return read_file(dir + "/sent");
}

}  // namespace

TEST_CASE("precompressed copies are sent gzip-encoded to browsers that accept gzip", "[static]") {
    TestProxy proxy;
    const std::string app = proxy.config().app_dir;
    // Compressible content, so the copy is smaller than the file (the fixture's files are tiny).
    write_file(app + "/bank_app.wasm", std::string("\0asm\1\0\0\0", 8) + std::string(64 * 1024, 'x'));
    write_file(app + "/bank_app.js", "export const answer = '" + std::string(20000, 'a') + "';");
    for (const char* name : {"bank_app.wasm", "bank_app.js"}) {
        const std::string file = app + "/" + name;
        const std::string packed = write_gzip_copy(file);
        INFO(name);
        auto r = get_raw(proxy, std::string("/app/") + name, {{"Accept-Encoding", "gzip, deflate, br"}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Encoding") == "gzip");
        CHECK(r->get_header_value("Vary") == "Accept-Encoding");
        CHECK(r->get_header_value_count("Content-Type") == 1);
        CHECK(r->get_header_value("Content-Type") == (std::string(name).find(".js") != std::string::npos
                                                          ? "text/javascript" : "application/wasm"));
        CHECK(r->get_header_value("X-Uncompressed-Length") == std::to_string(read_file(file).size()));
        CHECK(r->body == packed);  // sent as built, not compressed a second time
        CHECK(gunzip(r->body, app) == read_file(file));
        check_security_headers(*r);
    }
}

TEST_CASE("a browser that does not accept gzip gets the file itself", "[static]") {
    TestProxy proxy;
    const std::string wasm = proxy.config().app_dir + "/bank_app.wasm";
    write_gzip_copy(wasm);
    for (const char* accept : {"", "identity", "br", "gzip;q=0", "deflate, gzip; q=0.0"}) {
        INFO(accept);
        auto r = get_raw(proxy, "/app/bank_app.wasm", {{"Accept-Encoding", accept}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK_FALSE(r->has_header("Content-Encoding"));
        CHECK(r->get_header_value("Vary") == "Accept-Encoding");
        CHECK(r->body == read_file(wasm));
    }
    // A range is of the file itself.
    auto ranged = get_raw(proxy, "/app/bank_app.wasm", {{"Accept-Encoding", "gzip"}, {"Range", "bytes=0-3"}});
    REQUIRE(ranged);
    CHECK(ranged->status == 206);
    CHECK_FALSE(ranged->has_header("Content-Encoding"));
    CHECK(ranged->body == std::string("\0asm", 4));
}

TEST_CASE("a stale or escaping precompressed copy is never sent", "[static]") {
    TestProxy proxy;
    const std::string app = proxy.config().app_dir;
    const std::string wasm = app + "/bank_app.wasm";
    SECTION("the file was rebuilt after its copy was made") {
        write_gzip_copy(wasm);
        struct timeval old_times[2] = {{1000000000, 0}, {1000000000, 0}};
        REQUIRE(utimes((wasm + ".gz").c_str(), old_times) == 0);
        auto r = get_raw(proxy, "/app/bank_app.wasm", {{"Accept-Encoding", "gzip"}});
        REQUIRE(r);
        CHECK_FALSE(r->has_header("Content-Encoding"));
        CHECK(r->body == read_file(wasm));
    }
    SECTION("the copy is a link leading out of the mount") {
        // Newer than the wasm, so only the link check stands between it and the browser.
        const std::string secret = proxy.config().data_dir + "/secret.gz";
        write_file(secret, "argon2id$not-for-the-browser");
        REQUIRE(symlink(secret.c_str(), (wasm + ".gz").c_str()) == 0);
        auto r = get_raw(proxy, "/app/bank_app.wasm", {{"Accept-Encoding", "gzip"}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK_FALSE(r->has_header("Content-Encoding"));
        CHECK(r->body == read_file(wasm));
    }
    SECTION("paths that climb out or hold a NUL are refused as before") {
        write_gzip_copy(proxy.config().data_dir + "/users.csv");
        for (const char* path : {"/app/../data/users.csv", "/images/../users.csv", "/app/bank_app.wasm%00.html"}) {
            INFO(path);
            auto r = client_at(proxy.port()).Get(path, {{"Accept-Encoding", "gzip"}});  // decoded
            REQUIRE(r);
            CHECK((r->status == 404 || r->status == 400));
            CHECK(r->body.find("argon2id") == std::string::npos);
            CHECK(r->body.find("pw-") == std::string::npos);
        }
    }
}

TEST_CASE("an unchanged file is revalidated with 304 Not Modified, a changed one sent again", "[static]") {
    TestProxy proxy;
    const std::string app = proxy.config().app_dir;
    const std::string wasm = app + "/bank_app.wasm";
    write_file(wasm, std::string("\0asm\1\0\0\0", 8) + std::string(64 * 1024, 'x'));
    write_gzip_copy(wasm);
    const httplib::Headers gzip = {{"Accept-Encoding", "gzip"}};
    auto first = get_raw(proxy, "/app/bank_app.wasm", gzip);
    REQUIRE(first);
    REQUIRE(first->status == 200);
    const std::string tag = first->get_header_value("ETag");
    REQUIRE(tag.size() > 2);
    CHECK(tag.front() == '"');
    CHECK(tag.back() == '"');

    SECTION("the browser's copy is current: no body, the same tag, the same headers") {
        for (const std::string& asked : {tag, "W/" + tag, "\"other\", " + tag, std::string("*")}) {
            INFO(asked);
            httplib::Headers headers = gzip;
            headers.emplace("If-None-Match", asked);
            auto r = get_raw(proxy, "/app/bank_app.wasm", headers);
            REQUIRE(r);
            CHECK(r->status == 304);
            CHECK(r->body.empty());
            CHECK(r->get_header_value("ETag") == tag);
            CHECK(r->get_header_value("Vary") == "Accept-Encoding");
            CHECK(r->get_header_value("Cache-Control") == "no-cache");
            check_security_headers(*r);
        }
    }
    SECTION("another tag, or the other coding's copy, gets the whole file") {
        auto plain = get_raw(proxy, "/app/bank_app.wasm", {{"Accept-Encoding", "identity"}});
        REQUIRE(plain);
        const std::string plain_tag = plain->get_header_value("ETag");
        CHECK(plain_tag.size() > 2);
        CHECK(plain_tag != tag);  // the gzip copy and the file are two representations
        auto other = get_raw(proxy, "/app/bank_app.wasm", {{"Accept-Encoding", "identity"}, {"If-None-Match", tag}});
        REQUIRE(other);
        CHECK(other->status == 200);
        CHECK(other->body == read_file(wasm));
        auto unknown = get_raw(proxy, "/app/bank_app.wasm", {{"Accept-Encoding", "gzip"}, {"If-None-Match", "\"0-0\""}});
        REQUIRE(unknown);
        CHECK(unknown->status == 200);
        CHECK(unknown->body == read_file(wasm + ".gz"));
    }
    SECTION("a rebuilt file is sent again under a new tag") {
        write_file(wasm, std::string("\0asm\1\0\0\0", 8) + std::string(64 * 1024, 'y'));
        write_gzip_copy(wasm);
        struct timeval later[2] = {{2000000000, 0}, {2000000000, 0}};  // whatever the clock's grain
        REQUIRE(utimes(wasm.c_str(), later) == 0);
        REQUIRE(utimes((wasm + ".gz").c_str(), later) == 0);
        auto r = get_raw(proxy, "/app/bank_app.wasm", {{"Accept-Encoding", "gzip"}, {"If-None-Match", tag}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("ETag") != tag);
        CHECK(gunzip(r->body, app) == read_file(wasm));
    }
    SECTION("a page the library compresses: the 304 has no body on the wire") {
        // Two requests on one connection: a body sent with the 304 would be read as the second answer.
        auto page = get_raw(proxy, "/index.html", gzip);
        REQUIRE(page);
        const std::string page_tag = page->get_header_value("ETag");
        REQUIRE(page_tag.size() > 2);
        RawConnection c(proxy.port());
        REQUIRE(c.send("GET /index.html HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nIf-None-Match: " + page_tag +
                       "\r\n\r\nGET /index.html HTTP/1.1\r\nHost: x\r\n\r\n"));
        auto not_modified = c.read_response();
        REQUIRE(not_modified);
        CHECK(not_modified->status == 304);
        CHECK(not_modified->body.empty());
        CHECK(not_modified->header("Content-Encoding").empty());
        auto again = c.read_response();
        REQUIRE(again);
        CHECK(again->status == 200);
        CHECK(again->body == read_file(proxy.config().web_dir + "/index.html"));
    }
}

// The page's own scripts, styles and HTML have no precompressed copy. cpp-httplib would compress
// them itself, with brotli at its slowest setting whenever the browser offers "br" (10-20 ms for
// each of the sign-in page's files, on a first visit): the proxy gzips them instead.
TEST_CASE("text files without a precompressed copy are gzipped here, never brotli", "[static]") {
    TestProxy proxy;
    const std::string file = proxy.config().web_dir + "/page.js";
    write_file(file, "export const answer = '" + std::string(20000, 'a') + "';");
    auto zipped = get_raw(proxy, "/page.js", {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
    REQUIRE(zipped);
    CHECK(zipped->status == 200);
    CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
    CHECK(zipped->get_header_value("Vary") == "Accept-Encoding");
    CHECK(zipped->get_header_value_count("Content-Type") == 1);
    CHECK(zipped->get_header_value("Content-Type") == "text/javascript");
    CHECK(zipped->body.size() < read_file(file).size() / 10);
    CHECK(gunzip(zipped->body, proxy.config().web_dir) == read_file(file));
    check_security_headers(*zipped);

    const std::string tag = zipped->get_header_value("ETag");
    auto again = get_raw(proxy, "/page.js", {{"Accept-Encoding", "gzip, deflate, br, zstd"}, {"If-None-Match", tag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());

    for (const char* accept : {"br", "identity", ""}) {
        INFO(accept);
        auto r = get_raw(proxy, "/page.js", {{"Accept-Encoding", accept}});
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK_FALSE(r->has_header("Content-Encoding"));
        CHECK(r->body == read_file(file));
        CHECK(r->get_header_value("ETag") != tag);  // the file itself and its gzip are two representations
        CHECK(r->get_header_value("Content-Type") == "text/javascript");
    }
}
