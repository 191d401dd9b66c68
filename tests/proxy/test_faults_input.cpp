// Hostile request bodies. A JSON body nested thousands of levels deep fits in the body limit but
// used to overflow a worker thread's stack when a handler copied one of its members: one
// unauthenticated POST to /api/login took the whole proxy down (found with the sanitizer build,
// RELIABILITY.md). Such bodies are now refused before any handler runs.
#include <catch2/catch.hpp>

#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;

namespace {

std::string nested(const std::string& key, std::size_t depth) {
    return "{\"" + key + "\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
}

std::string post_raw(TestProxy& proxy, const std::string& path, const std::string& body, const std::string& cookie) {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    auto r = proxy.client().Post(path, headers, body, "application/json");
    REQUIRE(r);  // an answer at all: the proxy is still up
    CHECK(r->status == 400);
    return error_code(r);
}

}  // namespace

TEST_CASE("deeply nested JSON bodies are refused, and the proxy stays up", "[faults][input]") {
    // The default body limit (64 KiB) holds 30,000 levels; a raised one (--body-limit) far more.
    TestProxy proxy([](ProxyConfig& c) { c.body_limit = 4 << 20; });
    const std::string customer = proxy.sign_in("customer101");
    for (std::size_t depth : {40u, 30000u, 2000000u}) {
        INFO("depth " << depth);
        CHECK(post_raw(proxy, "/api/login", nested("username", depth), "") == "invalid_json");
        CHECK(post_raw(proxy, "/api/generate", nested("product_ids", depth), customer) == "invalid_json");
        CHECK(post_raw(proxy, "/api/feedback", nested("event", depth), customer) == "invalid_json");
    }
    // What the API does use still works, and so does everything else.
    CHECK(error_code(proxy.post("/api/generate", {{"product_ids", {{"x"}}}}, customer)) == "unknown_product");
    CHECK(proxy.get("/healthz")->status == 200);
    CHECK(proxy.post("/api/search", {{"product_id", "SAV-EASY"}}, customer)->status == 200);
}
