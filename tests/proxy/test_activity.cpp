// Feedback events and the audit trail: who may record what, who may read what, and that every
// view or export of a customer's data is audited before the data leaves.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <thread>

#include "proxy/activity_store.h"
#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;

namespace {

nlohmann::json feedback(const char* product, const char* event) {
    return {{"product_id", product}, {"event", event}};
}

std::vector<AuditRecord> audit_of(TestProxy& proxy) {
    auto store = ActivityStore::open(proxy.config().store_path);
    return std::get<std::unique_ptr<ActivityStore>>(store)->audit_trail(100000).value();
}

}  // namespace

TEST_CASE("customers record interest in their own name only", "[feedback]") {
    TestProxy proxy;
    const std::string a = proxy.sign_in("customer101");
    auto r = proxy.post("/api/feedback", feedback("SAV-EASY", "interested"), a);
    REQUIRE(r);
    CHECK(r->status == 201);
    const auto saved = json_of(r);
    CHECK(saved["customer_id"] == 101);
    CHECK(saved["event"] == "interested");
    CHECK(saved["id"].get<std::int64_t>() > 0);

    // A customer_id in the body cannot redirect the record to someone else.
    auto other = proxy.post("/api/feedback",
                            {{"customer_id", 103}, {"product_id", "SAV-EASY"}, {"event", "not_for_me"}}, a);
    CHECK(other->status == 201);
    CHECK(json_of(other)["customer_id"] == 101);

    CHECK(proxy.post("/api/feedback", feedback("SAV-EASY", "offered"), a)->status == 403);
    CHECK(error_code(proxy.post("/api/feedback", feedback("NOPE", "interested"), a)) == "unknown_product");
    CHECK(error_code(proxy.post("/api/feedback", feedback("SAV-EASY", "love it"), a)) == "invalid_event");
    CHECK(proxy.post("/api/feedback", feedback("SAV-EASY", "interested"))->status == 401);
}

TEST_CASE("bankers record offers only for customers in their book", "[feedback]") {
    TestProxy proxy;
    const std::string x = proxy.sign_in("banker01");
    auto mine = proxy.post("/api/feedback",
                           {{"customer_id", 102}, {"product_id", "CARD-CASHBACK"}, {"event", "offered"}}, x);
    CHECK(mine->status == 201);
    for (const nlohmann::json& id : {nlohmann::json(103), nlohmann::json(999), nlohmann::json("102"), nlohmann::json()}) {
        INFO(id.dump());
        auto r = proxy.post("/api/feedback",
                            {{"customer_id", id}, {"product_id", "CARD-CASHBACK"}, {"event", "offered"}}, x);
        CHECK(r->status == 404);
    }
    CHECK(proxy.post("/api/feedback", {{"customer_id", 102}, {"product_id", "SAV-EASY"}, {"event", "interested"}}, x)
              ->status == 403);
}

TEST_CASE("feedback is read back only within the caller's reach", "[feedback]") {
    TestProxy proxy;
    const std::string c101 = proxy.sign_in("customer101");
    const std::string c103 = proxy.sign_in("customer103");
    const std::string x = proxy.sign_in("banker01");
    const std::string y = proxy.sign_in("banker02");
    proxy.post("/api/feedback", feedback("SAV-EASY", "interested"), c101);
    proxy.post("/api/feedback", feedback("INV-GROWTH", "not_for_me"), c103);
    proxy.post("/api/feedback", {{"customer_id", 102}, {"product_id", "SAV-EASY"}, {"event", "accepted"}}, x);

    auto customers_of = [&](const std::string& cookie, const std::string& query = "") {
        std::set<std::int64_t> ids;
        const auto body = json_of(proxy.get("/api/feedback" + query, cookie));
        for (const auto& e : body["events"]) ids.insert(e["customer_id"].get<std::int64_t>());
        return ids;
    };
    CHECK(customers_of(c101) == std::set<std::int64_t>{101});
    CHECK(customers_of(c101, "?customer_id=103") == std::set<std::int64_t>{101});
    CHECK(customers_of(c103) == std::set<std::int64_t>{103});
    CHECK(customers_of(x) == std::set<std::int64_t>{101, 102});
    CHECK(customers_of(x, "?customer_id=102") == std::set<std::int64_t>{102});
    CHECK(customers_of(y) == std::set<std::int64_t>{103});
    CHECK(proxy.get("/api/feedback?customer_id=103", x)->status == 404);
    CHECK(proxy.get("/api/feedback?customer_id=abc", x)->status == 404);
    CHECK(proxy.get("/api/feedback")->status == 401);
}

TEST_CASE("every view and export of a customer's data is audited", "[audit]") {
    TestProxy proxy;
    const std::string c = proxy.sign_in("customer104");
    const std::string x = proxy.sign_in("banker01");
    REQUIRE(proxy.get("/api/profile", c)->status == 200);
    REQUIRE(proxy.get("/api/book", x)->status == 200);
    REQUIRE(proxy.get("/api/book/102", x)->status == 200);
    REQUIRE(proxy.get("/api/book/103", x)->status == 404);  // refused: audited as a refusal, not a view
    auto exported = proxy.post("/api/audit/export", {{"customer_ids", {101, 102}}}, x);
    REQUIRE(exported->status == 200);
    CHECK(json_of(exported)["recorded"] == 2);
    CHECK(proxy.post("/api/audit/export", {{"customer_ids", {101, 103}}}, x)->status == 404);
    CHECK(proxy.post("/api/audit/export", {{"customer_ids", {101}}}, c)->status == 403);

    std::multiset<std::string> seen;
    for (const AuditRecord& r : audit_of(proxy)) {
        seen.insert(r.actor + " " + r.action + " " + (r.customer_id ? std::to_string(*r.customer_id) : "-"));
    }
    CHECK(seen == std::multiset<std::string>{
                      "customer104 view_profile 104", "banker01 view_book 101", "banker01 view_book 102",
                      "banker01 view_customer 102", "banker01 access_refused 103", "banker01 export 101",
                      "banker01 export 102", "banker01 access_refused 103",
                      "customer104 access_refused -"});  // the wrong role, refused before any customer
}

TEST_CASE("the audit trail exports as CSV", "[audit]") {
    TestProxy proxy;
    const std::string x = proxy.sign_in("banker02");
    proxy.get("/api/book/103", x);
    auto store = ActivityStore::open(proxy.config().store_path);
    std::ostringstream csv;
    REQUIRE(std::get<std::unique_ptr<ActivityStore>>(store)->export_audit_csv(csv));
    CHECK(csv.str().rfind("ID,At,Actor,Actor Role,Action,Customer ID,Detail\r\n", 0) == 0);
    CHECK(csv.str().find(",banker02,banker,view_customer,103,") != std::string::npos);
}

TEST_CASE("concurrent writes are committed together and all acknowledged", "[feedback][store]") {
    TempDir dir;
    auto opened = ActivityStore::open(dir.path() + "/store.sqlite");
    auto& store = *std::get<std::unique_ptr<ActivityStore>>(opened);
    std::mutex mutex;
    std::set<std::int64_t> ids;
    int failures = 0;  // Catch2 assertions are not thread-safe: count here, check after join
    std::vector<std::thread> writers;
    for (int t = 0; t < 8; ++t) {
        writers.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                FeedbackRecord r;
                r.customer_id = 100 + t;
                r.product_id = "SAV-EASY";
                r.actor = "test";
                r.actor_role = "customer";
                const auto saved = store.add_feedback(r);
                AuditRecord a;
                a.actor = "test";
                a.actor_role = "banker";
                a.action = "view_customer";
                a.customer_id = 100 + t;
                const bool audited = store.audit({a});
                std::lock_guard<std::mutex> lock(mutex);
                if (!saved || !audited) ++failures;
                if (saved) ids.insert(saved->id);
            }
        });
    }
    for (auto& w : writers) w.join();
    CHECK(failures == 0);
    CHECK(ids.size() == 200);
    std::vector<std::int64_t> customers;
    for (int t = 0; t < 8; ++t) customers.push_back(100 + t);
    CHECK(store.feedback_for(customers, 1000).value().size() == 200);
    CHECK(store.audit_trail(1000).value().size() == 200);
}
