// The authorization matrix of tests/proxy/test_authorization.cpp, asked through the edge: nginx
// must not widen what anyone sees (a cached answer, a header it drops or adds, a session that
// leaks between clients on a shared upstream connection). Also what the edge itself adds: TLS,
// the Secure cookie, HSTS, the origin check with the browser's https:// origin, no /metrics.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "edge_fixture.h"

using namespace bank::proxy::test;

namespace {

struct Caller {
    std::string name;    // username, or "anonymous" / "forged"
    std::string cookie;
};

const std::map<std::string, std::set<std::int64_t>> kBooks = {
    {"banker01", {101, 102}}, {"banker02", {103, 104}}, {"banker03", {105}}};
const std::map<std::int64_t, std::string> kNames = {
    {101, "Liam Byrne"}, {102, "Aoife Walsh"}, {103, "Sam Doyle"}, {104, "Mary Keane"}, {105, "Nora Quinn"}};

bool is_customer(const std::string& name) { return name.rfind("customer", 0) == 0; }
bool is_banker(const std::string& name) { return name.rfind("banker", 0) == 0; }

std::set<std::int64_t> names_in(const std::string& body) {
    std::set<std::int64_t> seen;
    for (const auto& [id, name] : kNames) {
        if (body.find(name) != std::string::npos) seen.insert(id);
    }
    return seen;
}

// What `caller` may see of customer `id`: their own record, or a customer in their book.
bool may_see(const Caller& c, std::int64_t id) {
    if (is_customer(c.name)) return std::stoll(c.name.substr(8)) == id;
    return is_banker(c.name) && kBooks.at(c.name).count(id) > 0;
}

}  // namespace

TEST_CASE("the authorization matrix holds through the edge", "[edge][authz]") {
    Replicas replicas(1);
    Edge edge(replicas.ports());
    std::vector<Caller> callers = {{"anonymous", ""}, {"forged", "bank_session=forged-token"}};
    for (const TestUser& u : test_users()) callers.push_back({u.username, edge.sign_in(u.username)});

    for (const Caller& c : callers) {
        INFO(c.name);
        const bool signed_in = is_customer(c.name) || is_banker(c.name);
        auto catalog = edge.get("/api/catalog", c.cookie);
        REQUIRE(catalog);
        CHECK(catalog->status == 200);
        CHECK(names_in(catalog->body).empty());

        auto me = edge.get("/api/me", c.cookie);
        REQUIRE(me);
        CHECK(me->status == (signed_in ? 200 : 401));
        if (signed_in) CHECK(json_of(me)["username"] == c.name);

        auto profile = edge.get("/api/profile", c.cookie);
        REQUIRE(profile);
        CHECK(profile->status == (is_customer(c.name) ? 200 : signed_in ? 403 : 401));
        std::set<std::int64_t> own;
        if (is_customer(c.name)) own = {std::stoll(c.name.substr(8))};
        CHECK(names_in(profile->body) == own);

        auto book = edge.get("/api/book", c.cookie);
        REQUIRE(book);
        CHECK(book->status == (is_banker(c.name) ? 200 : signed_in ? 403 : 401));
        CHECK(names_in(book->body) == (is_banker(c.name) ? kBooks.at(c.name) : std::set<std::int64_t>{}));

        for (const std::string id : {"101", "102", "103", "104", "105", "999", "abc"}) {
            INFO("asks for customer " << id);
            auto one = edge.get("/api/book/" + id, c.cookie);
            REQUIRE(one);
            const bool digits = id.find_first_not_of("0123456789") == std::string::npos;
            if (!is_banker(c.name)) {
                CHECK(one->status == (signed_in ? 403 : 401));
                CHECK(names_in(one->body).empty());
            } else if (digits && may_see(c, std::stoll(id))) {
                CHECK(one->status == 200);
                CHECK(names_in(one->body) == std::set<std::int64_t>{std::stoll(id)});
            } else {
                CHECK(one->status == 404);
                CHECK(one->body == R"({"error":{"code":"not_found","message":"No customer with this id in your book."}})");
            }
            if (!digits || !signed_in) continue;
            auto feedback = edge.get("/api/feedback?customer_id=" + id, c.cookie);
            REQUIRE(feedback);
            if (is_banker(c.name)) CHECK(feedback->status == (may_see(c, std::stoll(id)) ? 200 : 404));
            CHECK(names_in(feedback->body).empty());
        }
    }
}

TEST_CASE("through the edge: TLS, a Secure session cookie, HSTS, and the browser's own origin", "[edge]") {
    Replicas replicas(1);
    Edge edge(replicas.ports());
    auto login = edge.post("/api/login", {{"username", "customer101"}, {"password", password_of("customer101")}},
                           "", edge.origin());
    REQUIRE(login);
    CHECK(login->status == 200);
    const std::string set_cookie = login->get_header_value("Set-Cookie");
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("; Secure") != std::string::npos);
    CHECK(login->get_header_value("Strict-Transport-Security") == "max-age=31536000; includeSubDomains");
    CHECK(login->get_header_value("Content-Security-Policy").find("script-src 'self' 'wasm-unsafe-eval'") !=
          std::string::npos);  // the proxy's own policy, not replaced by the edge's fallback
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));

    // A browser's POST carries Origin: https://<the edge>; the replica sees plain HTTP.
    const nlohmann::json feedback = {{"product_id", "SAV-EASY"}, {"event", "interested"}};
    auto own = edge.post("/api/feedback", feedback, cookie, edge.origin());
    REQUIRE(own);
    CHECK(own->status == 201);
    auto foreign = edge.post("/api/feedback", feedback, cookie, "https://evil.example");
    REQUIRE(foreign);
    CHECK(foreign->status == 403);
    CHECK(error_code(foreign) == "cross_origin");

    // The replica's numbers stay on its own machine.
    auto metrics = edge.get("/metrics");
    REQUIRE(metrics);
    CHECK(metrics->status == 404);
    CHECK(metrics->body.find("bank_proxy") == std::string::npos);
}
