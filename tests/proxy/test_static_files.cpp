// The app's files: right MIME types (application/wasm, text/javascript for .mjs), the security
// headers that make the page cross-origin isolated, and nothing served outside the mounts.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "proxy_fixture.h"

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
        CHECK(r->get_header_value("Content-Type") == "application/json");
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
        CHECK(r->get_header_value("Content-Type") == "application/json");
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
