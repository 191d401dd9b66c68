// The store's contract (proxy/activity_store.h), once, run against both implementations: an
// SQLite file and a database on the throwaway PostgreSQL cluster. Whatever a replica relies on
// (sessions, failure counts, quota buckets, feedback, audit) behaves the same on either.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <thread>

#include "pg_cluster.h"
#include "proxy/activity_store.h"
#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;

namespace {

std::unique_ptr<ActivityStore> opened(const std::string& location) {
    auto store = ActivityStore::open(location);
    if (auto* problem = std::get_if<std::string>(&store)) FAIL(*problem);
    return std::move(std::get<std::unique_ptr<ActivityStore>>(store));
}

// Defines the contract `check` twice: on a new SQLite file and on a new PostgreSQL database.
#define STORE_CONTRACT(title, check)                                                           \
    TEST_CASE(title " (SQLite)", "[store][contract]") {                                        \
        TempDir dir;                                                                           \
        check(*opened(dir.path() + "/store.sqlite"));                                          \
    }                                                                                          \
    TEST_CASE(title " (PostgreSQL)", "[store][contract][postgres]") {                          \
        PgCluster& cluster = PgCluster::shared();                                             \
        check(*opened(cluster.with_password(cluster.fresh_database())));                      \
    }

FeedbackRecord feedback(std::int64_t customer, const std::string& product, FeedbackEvent event) {
    FeedbackRecord r;
    r.customer_id = customer;
    r.product_id = product;
    r.event = event;
    r.actor = "banker01";
    r.actor_role = "banker";
    return r;
}

void feedback_round_trip(ActivityStore& store) {
    const auto first = store.add_feedback(feedback(101, "SAV-EASY", FeedbackEvent::Offered));
    const auto second = store.add_feedback(feedback(102, "CARD-CASHBACK", FeedbackEvent::Accepted));
    const auto third = store.add_feedback(feedback(101, "INV-GROWTH", FeedbackEvent::NotForMe));
    REQUIRE(first);
    REQUIRE(second);
    REQUIRE(third);
    CHECK(first->id < second->id);
    CHECK(second->id < third->id);
    CHECK(first->at.size() == 24);  // 2026-01-31T12:00:00.000Z

    const auto for_101 = store.feedback_for({101}, 10).value();
    REQUIRE(for_101.size() == 2);
    CHECK(for_101[0].id == third->id);  // newest first
    CHECK(for_101[0].product_id == "INV-GROWTH");
    CHECK(for_101[0].event == FeedbackEvent::NotForMe);
    CHECK(for_101[0].actor_role == "banker");
    CHECK(for_101[0].at == third->at);
    CHECK(for_101[1].id == first->id);
    CHECK(store.feedback_for({101, 102}, 2).value().size() == 2);  // the limit
    CHECK(store.feedback_for({999}, 10).value().empty());
    CHECK(store.feedback_for({}, 10).value().empty());
}
STORE_CONTRACT("feedback reads back newest first, only for the customers asked", feedback_round_trip)

void audit_round_trip(ActivityStore& store) {
    AuditRecord view;
    view.actor = "banker01";
    view.actor_role = "banker";
    view.action = "view_book";
    std::vector<AuditRecord> book;
    for (std::int64_t id : {101, 102}) {
        view.customer_id = id;
        book.push_back(view);
    }
    REQUIRE(store.audit(book));
    AuditRecord failed;
    failed.actor = "someone, \"quoted\"";
    failed.actor_role = "anonymous";
    failed.action = "sign_in_failed";
    failed.detail = "from 10.0.0.1";
    REQUIRE(store.audit({failed}));

    const auto trail = store.audit_trail(100).value();
    REQUIRE(trail.size() == 3);
    CHECK(trail[0].customer_id == 101);  // oldest first
    CHECK(trail[1].customer_id == 102);
    CHECK(trail[0].at == trail[1].at);   // one call, one time
    CHECK_FALSE(trail[2].customer_id.has_value());
    CHECK(trail[2].actor == "someone, \"quoted\"");
    CHECK(trail[2].detail == "from 10.0.0.1");
    CHECK(store.audit_trail(1).value().size() == 1);

    std::ostringstream csv;
    REQUIRE(store.export_audit_csv(csv));
    CHECK(csv.str().find("\"someone, \"\"quoted\"\"\",anonymous,sign_in_failed,,from 10.0.0.1") != std::string::npos);
    CHECK(store.healthy());
}
STORE_CONTRACT("audit records read back oldest first and export as CSV", audit_round_trip)

void sessions_round_trip(ActivityStore& store) {
    REQUIRE(store.add_session({"key-a", "customer101", "customer", "101", 1000, 1000}));
    REQUIRE(store.add_session({"key-b", "banker01", "banker", "B01", 2000, 2500}));
    CHECK_FALSE(store.add_session({"key-a", "someone", "customer", "102", 3000, 3000}));  // keys are unique

    const auto a = store.session("key-a").value();
    REQUIRE(a);
    CHECK(a->username == "customer101");
    CHECK(a->role == "customer");
    CHECK(a->subject_id == "101");
    CHECK(a->created == 1000);
    CHECK(a->last_seen == 1000);
    CHECK_FALSE(store.session("key-unknown").value());

    REQUIRE(store.touch_session("key-a", 5000));
    REQUIRE(store.touch_session("key-a", 4000));  // an older time (a slower replica) changes nothing
    CHECK(store.session("key-a").value()->last_seen == 5000);

    REQUIRE(store.end_session("key-a"));
    CHECK_FALSE(store.session("key-a").value());
    REQUIRE(store.end_session("key-a"));  // ending twice is fine
}
STORE_CONTRACT("sessions are stored, refreshed and ended by the hash of their token", sessions_round_trip)

void expired_sessions_end(ActivityStore& store) {
    REQUIRE(store.add_session({"idle", "u1", "customer", "101", 1000, 1000}));
    REQUIRE(store.add_session({"old", "u2", "customer", "102", 100, 9000}));
    for (int i = 0; i < 4; ++i) {
        const std::string key = "live" + std::to_string(i);
        REQUIRE(store.add_session({key, "u", "customer", "103", 5000 + i, 9000}));
    }
    // Idle since before 2000 or started before 500 ends; of the live ones, the 3 newest stay.
    REQUIRE(store.end_expired_sessions(2000, 500, 3));
    CHECK_FALSE(store.session("idle").value());
    CHECK_FALSE(store.session("old").value());
    CHECK_FALSE(store.session("live0").value());
    for (const char* key : {"live1", "live2", "live3"}) CHECK(store.session(key).value());
}
STORE_CONTRACT("expired sessions end, and the oldest give way past the cap", expired_sessions_end)

void failures_count_up(ActivityStore& store) {
    const std::vector<std::string> keys = {"user:alice", "address:10.0.0.1"};
    auto counts = store.failure_counts(keys).value();
    REQUIRE(counts.size() == 2);
    CHECK(counts[0].failures == 0);
    REQUIRE(store.add_failure(keys, 1000));
    REQUIRE(store.add_failure(keys, 2000));
    REQUIRE(store.add_failure({"user:bob", "address:10.0.0.1"}, 3000));
    counts = store.failure_counts(keys).value();
    CHECK(counts[0].failures == 2);
    CHECK(counts[0].last == 2000);
    CHECK(counts[1].failures == 3);
    CHECK(counts[1].last == 3000);

    REQUIRE(store.clear_failures("user:alice"));
    CHECK(store.failure_counts({"user:alice"}).value()[0].failures == 0);
    REQUIRE(store.forget_failures_before(2500));  // bob's and the address's last failure were at 3000
    CHECK(store.failure_counts({"user:bob"}).value()[0].failures == 1);
    REQUIRE(store.forget_failures_before(3001));
    CHECK(store.failure_counts({"address:10.0.0.1"}).value()[0].failures == 0);
}
STORE_CONTRACT("sign-in failures count per key until cleared or forgotten", failures_count_up)

void buckets_change_atomically(ActivityStore& store) {
    bool was_new = false;
    const auto first = store.change_bucket("ai:alice", [&](const std::optional<TokenBucket>& b) {
        was_new = !b;
        return TokenBucket{4.5, 1000};
    });
    REQUIRE(first);
    CHECK(was_new);
    CHECK(first->tokens == 4.5);

    // Eight threads take 25 tokens each, at once: every change sees the one before it.
    std::vector<std::thread> takers;
    int failures = 0;  // Catch2 assertions are not thread-safe: count here, check after join
    std::mutex mutex;
    for (int t = 0; t < 8; ++t) {
        takers.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                const auto b = store.change_bucket("ai:alice", [](const std::optional<TokenBucket>& b) {
                    return TokenBucket{b->tokens + 1, b->updated + 1};
                });
                std::lock_guard<std::mutex> lock(mutex);
                if (!b) ++failures;
            }
        });
    }
    for (auto& t : takers) t.join();
    CHECK(failures == 0);
    const auto last = store.change_bucket("ai:alice", [](const std::optional<TokenBucket>& b) { return *b; });
    REQUIRE(last);
    CHECK(last->tokens == 204.5);
    CHECK(last->updated == 1200);
    bool other_new = false;
    store.change_bucket("ai:bob", [&](const std::optional<TokenBucket>& b) {
        other_new = !b;
        return TokenBucket{1, 1};
    });
    CHECK(other_new);
}
STORE_CONTRACT("a quota bucket changes atomically, even from many threads at once", buckets_change_atomically)

void concurrent_writes_all_acknowledged(ActivityStore& store) {
    std::mutex mutex;
    std::set<std::int64_t> ids;
    int failures = 0;
    std::vector<std::thread> writers;
    for (int t = 0; t < 8; ++t) {
        writers.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                const auto saved = store.add_feedback(feedback(100 + t, "SAV-EASY", FeedbackEvent::Offered));
                std::lock_guard<std::mutex> lock(mutex);
                if (saved) ids.insert(saved->id);
                else ++failures;
            }
        });
    }
    for (auto& w : writers) w.join();
    CHECK(failures == 0);
    CHECK(ids.size() == 200);
    CHECK(store.feedback_for({100, 101, 102, 103, 104, 105, 106, 107}, 1000).value().size() == 200);
}
STORE_CONTRACT("concurrent feedback writes are all acknowledged with distinct ids", concurrent_writes_all_acknowledged)

}  // namespace
