// The authorization matrix: every API route, asked by every kind of caller. A customer sees only
// their own record; a banker sees only their own book; nobody else sees anything personal.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "proxy/activity_store.h"
#include "proxy_fixture.h"
#include "shared/api/book.h"
#include "shared/ranking/behavior_model_json.h"
#include "shared/ranking/ranking_weights.h"

using namespace bank::proxy::test;

namespace {

struct Caller {
    std::string name;    // username, or "anonymous"
    std::string cookie;  // empty for anonymous
};

const std::map<std::string, std::set<std::int64_t>> kBooks = {
    {"banker01", {101, 102}}, {"banker02", {103, 104}}, {"banker03", {105}}};
const std::map<std::int64_t, std::string> kNames = {
    {101, "Liam Byrne"}, {102, "Aoife Walsh"}, {103, "Sam Doyle"}, {104, "Mary Keane"}, {105, "Nora Quinn"}};

std::vector<Caller> everyone(TestProxy& proxy) {
    std::vector<Caller> callers = {{"anonymous", ""}, {"forged", "bank_session=forged-token"}};
    for (const TestUser& u : test_users()) callers.push_back({u.username, proxy.sign_in(u.username)});
    return callers;
}

bool is_customer(const std::string& name) { return name.rfind("customer", 0) == 0; }
bool is_banker(const std::string& name) { return name.rfind("banker", 0) == 0; }

// Names of customers that appear in a body: what a caller could learn from it.
std::set<std::int64_t> names_in(const std::string& body) {
    std::set<std::int64_t> seen;
    for (const auto& [id, name] : kNames) {
        if (body.find(name) != std::string::npos) seen.insert(id);
    }
    return seen;
}

}  // namespace

TEST_CASE("catalog and health are public", "[authz]") {
    TestProxy proxy;
    for (const Caller& c : everyone(proxy)) {
        INFO(c.name);
        auto catalog = proxy.get("/api/catalog", c.cookie);
        REQUIRE(catalog);
        CHECK(catalog->status == 200);
        CHECK(names_in(catalog->body).empty());
        auto health = proxy.get("/healthz", c.cookie);
        REQUIRE(health);
        CHECK(health->status == 200);
    }
}

// The model the browser ranks with is learned from every customer, so it must carry aggregates
// only: no customer's name or id, and it must load in the same parser the app uses.
TEST_CASE("/api/ranking-model: signed-in users get aggregates and the configured weights", "[authz]") {
    TestProxy proxy([](bank::proxy::ProxyConfig& c) { c.ranking_weights.semantic = 0.75; c.ranking_weights.top_k = 5; });
    for (const Caller& c : everyone(proxy)) {
        INFO(c.name);
        auto r = proxy.get("/api/ranking-model", c.cookie);
        REQUIRE(r);
        if (c.name == "anonymous" || c.name == "forged") {
            CHECK(r->status == 401);
            continue;
        }
        REQUIRE(r->status == 200);
        CHECK(names_in(r->body).empty());
        for (const auto& [id, name] : kNames) CHECK(r->body.find("\"" + std::to_string(id) + "\"") == std::string::npos);
        const auto model = json_of(r);
        auto behavior = bank::behavior_model_from_json(model.at("behavior"), "/api/ranking-model");
        REQUIRE(behavior);
        auto weights = bank::parse_ranking_weights(model.at("weights").dump());
        REQUIRE(weights);
        CHECK(weights.value().semantic == 0.75);
        CHECK(weights.value().top_k == 5);
    }
}

TEST_CASE("/api/me describes only the caller", "[authz]") {
    TestProxy proxy;
    for (const Caller& c : everyone(proxy)) {
        INFO(c.name);
        auto r = proxy.get("/api/me", c.cookie);
        REQUIRE(r);
        if (c.name == "anonymous" || c.name == "forged") {
            CHECK(r->status == 401);
            CHECK(error_code(r) == "unauthorized");
            continue;
        }
        CHECK(r->status == 200);
        const auto me = json_of(r);
        CHECK(me["username"] == c.name);
        CHECK(me["role"] == (is_customer(c.name) ? "customer" : "banker"));
    }
}

TEST_CASE("/api/profile: a customer reads only their own record", "[authz]") {
    TestProxy proxy;
    for (const Caller& c : everyone(proxy)) {
        INFO(c.name);
        auto r = proxy.get("/api/profile", c.cookie);
        REQUIRE(r);
        if (is_customer(c.name)) {
            const std::int64_t own = std::stoll(c.name.substr(8));
            CHECK(r->status == 200);
            CHECK(json_of(r)["customer"]["id"] == own);
            CHECK(names_in(r->body) == std::set<std::int64_t>{own});
        } else if (is_banker(c.name)) {
            CHECK(r->status == 403);
            CHECK(error_code(r) == "forbidden");
            CHECK(names_in(r->body).empty());
        } else {
            CHECK(r->status == 401);
            CHECK(names_in(r->body).empty());
        }
    }
}

TEST_CASE("/api/book: a banker reads exactly their own book", "[authz]") {
    TestProxy proxy;
    for (const Caller& c : everyone(proxy)) {
        INFO(c.name);
        auto r = proxy.get("/api/book", c.cookie);
        REQUIRE(r);
        if (is_banker(c.name)) {
            REQUIRE(r->status == 200);
            std::set<std::int64_t> ids;
            const auto book = bank::api::read_book(json_of(r), "/api/book");
            REQUIRE(book.ok());
            for (const auto& entry : book.value().customers) ids.insert(entry.customer.id);
            CHECK(ids == kBooks.at(c.name));
            CHECK(names_in(r->body) == kBooks.at(c.name));
        } else {
            CHECK(r->status == (is_customer(c.name) ? 403 : 401));
            CHECK(names_in(r->body).empty());
        }
    }
}

TEST_CASE("/api/book/{id}: outside the caller's book is indistinguishable from nonexistent", "[authz]") {
    TestProxy proxy;
    const std::vector<std::string> ids = {"101", "102", "103", "104", "105", "999", "0", "abc", "101abc", "-101"};
    for (const Caller& c : everyone(proxy)) {
        for (const std::string& id : ids) {
            INFO(c.name << " asks for " << id);
            auto r = proxy.get("/api/book/" + id, c.cookie);
            REQUIRE(r);
            if (!is_banker(c.name)) {
                CHECK(r->status == (is_customer(c.name) ? 403 : 401));
                CHECK(names_in(r->body).empty());
                continue;
            }
            const auto& book = kBooks.at(c.name);
            const bool digits = id.find_first_not_of("0123456789") == std::string::npos;
            if (digits && book.count(std::stoll(id))) {
                CHECK(r->status == 200);
                CHECK(json_of(r)["customer"]["id"] == std::stoll(id));
                CHECK(names_in(r->body) == std::set<std::int64_t>{std::stoll(id)});
            } else {
                CHECK(r->status == 404);
                CHECK(r->body == R"({"error":{"code":"not_found","message":"No customer with this id in your book."}})");
            }
        }
    }
}

TEST_CASE("signing out ends the session everywhere", "[authz]") {
    TestProxy proxy;
    const std::string cookie = proxy.sign_in("banker01");
    REQUIRE(proxy.get("/api/book", cookie)->status == 200);
    auto out = proxy.post("/api/logout", nlohmann::json::object(), cookie);
    REQUIRE(out);
    CHECK(out->status == 200);
    CHECK(out->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
    for (const char* path : {"/api/me", "/api/book", "/api/book/101", "/api/profile"}) {
        INFO(path);
        CHECK(proxy.get(path, cookie)->status == 401);
    }
}

// Finding of issue 14: a banker probing for customers outside their book left no trace. Every
// refusal that names a customer is audited: who asked, for which id, on which route.
TEST_CASE("refused requests for someone else's customer are audited, naming who asked", "[authz][audit]") {
    TestProxy proxy;
    const std::string x = proxy.sign_in("banker01");
    const std::string c = proxy.sign_in("customer101");
    CHECK(proxy.get("/api/book/103", x)->status == 404);
    CHECK(proxy.get("/api/book/abc", x)->status == 404);
    CHECK(proxy.get("/api/feedback?customer_id=104", x)->status == 404);
    CHECK(proxy.post("/api/feedback", {{"customer_id", 105}, {"product_id", "SAV-EASY"}, {"event", "offered"}}, x)
              ->status == 404);
    CHECK(proxy.post("/api/audit/export", {{"customer_ids", {101, 103}}}, x)->status == 404);
    CHECK(proxy.post("/api/generate", {{"customer_id", 103}, {"product_ids", {"SAV-EASY"}}}, x)->status == 404);
    CHECK(proxy.get("/api/book/102", x)->status == 200);  // in the book: a view, not a refusal
    CHECK(proxy.get("/api/profile", c)->status == 200);

    auto store = bank::proxy::ActivityStore::open(proxy.config().store_path);
    std::vector<std::string> refused;
    const auto trail = std::get<std::unique_ptr<bank::proxy::ActivityStore>>(store)->audit_trail(100).value();
    for (const auto& a : trail) {
        if (a.action != "access_refused") continue;
        refused.push_back(a.actor + " " + a.actor_role + " " + (a.customer_id ? std::to_string(*a.customer_id) : "-") +
                          " " + a.detail);
    }
    CHECK(refused == std::vector<std::string>{
                         "banker01 banker 103 GET /api/book/{customer_id} 404",
                         "banker01 banker - GET /api/book/{customer_id} 404",
                         "banker01 banker 104 GET /api/feedback 404",
                         "banker01 banker 105 POST /api/feedback 404",
                         "banker01 banker 103 POST /api/audit/export 404",
                         "banker01 banker 103 POST /api/generate 404",
                     });
}
