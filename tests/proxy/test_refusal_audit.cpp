// Finding of issue 14: a signed-in user refused at the router (an endpoint of the other role, a
// request from another site) left no audit row naming who tried. Now each such refusal is audited
// with the user, role, route, reason and client address. Callers without a session are counted in
// /metrics by route and status instead: anyone can send those without limit, so auditing them
// would let an anonymous flood grow the trail without bound.
#include <catch2/catch.hpp>

#include "proxy/activity_store.h"
#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;

namespace {

std::vector<std::string> audit_lines(const TestProxy& proxy) {
    auto store = ActivityStore::open(proxy.config().store_path);
    std::vector<std::string> lines;
    const auto trail = std::get<std::unique_ptr<ActivityStore>>(store)->audit_trail(1000).value();
    for (const AuditRecord& a : trail) {
        lines.push_back(a.actor + " " + a.actor_role + " " + a.action + " " +
                        (a.customer_id ? std::to_string(*a.customer_id) : "-") + " " + a.detail);
    }
    return lines;
}

httplib::Result post_from_another_site(const TestProxy& proxy, const std::string& path, const std::string& cookie) {
    httplib::Headers headers = {{"Origin", "https://evil.example"}};
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    return proxy.client().Post(path, headers, "{}", "application/json");
}

}  // namespace

TEST_CASE("a signed-in caller refused at the router is audited: who, role, route, reason, address",
          "[authz][audit]") {
    TestProxy proxy;
    const std::string c = proxy.sign_in("customer101");
    const std::string x = proxy.sign_in("banker01");

    auto book = proxy.get("/api/book", c);
    REQUIRE(book);
    CHECK(book->status == 403);
    CHECK(error_code(book) == "forbidden");
    CHECK(proxy.post("/api/audit/export", {{"customer_ids", {101}}}, c)->status == 403);
    CHECK(proxy.get("/api/profile", x)->status == 403);
    auto cross = post_from_another_site(proxy, "/api/feedback", x);
    REQUIRE(cross);
    CHECK(cross->status == 403);
    CHECK(error_code(cross) == "cross_origin");

    CHECK(audit_lines(proxy) == std::vector<std::string>{
                                    "customer101 customer access_refused - GET /api/book 403 forbidden from 127.0.0.1",
                                    "customer101 customer access_refused - POST /api/audit/export 403 forbidden from 127.0.0.1",
                                    "banker01 banker access_refused - GET /api/profile 403 forbidden from 127.0.0.1",
                                    "banker01 banker access_refused - POST /api/feedback 403 cross_origin from 127.0.0.1",
                                });
}

TEST_CASE("callers without a live session are refused without an audit row, and counted in the metrics",
          "[authz][audit]") {
    TestProxy proxy;
    const std::size_t logged_before = proxy.log_lines().size();
    for (int i = 0; i < 3; ++i) {
        CHECK(proxy.get("/api/book")->status == 401);
        CHECK(proxy.get("/api/book", "bank_session=forged-token")->status == 401);
        CHECK(post_from_another_site(proxy, "/api/login", "")->status == 403);
    }
    CHECK(audit_lines(proxy).empty());
    proxy.log_lines(logged_before + 9);  // a request is counted once it is logged
    const std::string metrics = proxy.metrics_text();
    CHECK(metrics.find("bank_proxy_requests_total{route=\"/api/book\",method=\"GET\",status=\"401\"} 6") !=
          std::string::npos);
    CHECK(metrics.find("bank_proxy_requests_total{route=\"/api/login\",method=\"POST\",status=\"403\"} 3") !=
          std::string::npos);
}
