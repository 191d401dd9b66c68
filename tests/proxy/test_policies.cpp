// The proxy's small policies on their own, with a manual clock: answer cache (LRU and age),
// circuit breaker, rate limiter, sign-in lockout cap, session cap, Retry-After parsing.
#include <catch2/catch.hpp>

#include <chrono>

#include "proxy/answer_cache.h"
#include "proxy/circuit_breaker.h"
#include "proxy/login_throttle.h"
#include "proxy/rate_limiter.h"
#include "proxy/sessions.h"
#include "proxy/upstream_http.h"

using namespace bank;
using namespace bank::proxy;
using namespace std::chrono_literals;

namespace {
// Sessions and sign-in failures live in a store; these tests need no file for it.
std::unique_ptr<ActivityStore> store_in_memory() {
    return std::move(std::get<std::unique_ptr<ActivityStore>>(ActivityStore::open(":memory:")));
}
}  // namespace

TEST_CASE("the answer cache drops the least recently used entry and old entries", "[policies]") {
    ManualClock clock;
    AnswerCache cache(2, 3600s, clock.clock());
    cache.store("a", "A");
    cache.store("b", "B");
    CHECK(cache.find("a") == "A");  // a is now the most recently used
    cache.store("c", "C");          // evicts b
    CHECK_FALSE(cache.find("b"));
    CHECK(cache.find("a") == "A");
    CHECK(cache.find("c") == "C");
    cache.store("a", "A2");  // replacing does not grow the cache
    CHECK(cache.size() == 2);
    CHECK(cache.find("a") == "A2");
    clock.advance(3601s);
    CHECK_FALSE(cache.find("a"));
    CHECK(cache.size() == 1);

    AnswerCache off(0, 3600s, clock.clock());
    off.store("a", "A");
    CHECK_FALSE(off.find("a"));
}

TEST_CASE("cache keys depend on the request, not on how it was built", "[policies]") {
    nlohmann::json one = {{"b", 1}, {"a", {1, 2}}};
    nlohmann::json two;
    two["a"] = {1, 2};
    two["b"] = 1;
    CHECK(cache_key("gemini", one) == cache_key("gemini", two));
    CHECK(cache_key("gemini", one) != cache_key("huggingface", one));
    CHECK(cache_key("gemini", one) != cache_key("gemini", {{"b", 2}, {"a", {1, 2}}}));
    CHECK(cache_key("x", one).size() == 64);
}

TEST_CASE("the circuit breaker opens, waits, tries once, and closes", "[policies]") {
    ManualClock clock;
    CircuitBreaker breaker({3, 10000ms}, clock.clock());
    CHECK(breaker.allow());
    breaker.record_failure();
    breaker.record_failure();
    breaker.record_success();  // a success resets the count
    breaker.record_failure();
    breaker.record_failure();
    CHECK(breaker.state() == BreakerState::Closed);
    breaker.record_failure();
    CHECK(breaker.state() == BreakerState::Open);
    CHECK_FALSE(breaker.allow());
    clock.advance(9999ms);
    CHECK_FALSE(breaker.allow());
    clock.advance(1ms);
    CHECK(breaker.state() == BreakerState::HalfOpen);
    CHECK(breaker.allow());        // the one trial
    CHECK_FALSE(breaker.allow());  // nobody else meanwhile
    breaker.record_failure();      // trial failed: open again
    CHECK(breaker.state() == BreakerState::Open);
    clock.advance(10s);
    CHECK(breaker.allow());
    breaker.record_success();
    CHECK(breaker.state() == BreakerState::Closed);
    CHECK(breaker.allow());

    // An upstream's retry delay longer than the policy keeps it open longer.
    for (int i = 0; i < 3; ++i) breaker.record_failure(60000ms);
    clock.advance(30s);
    CHECK_FALSE(breaker.allow());
    clock.advance(30s);
    CHECK(breaker.allow());
}

TEST_CASE("the rate limiter allows bursts and refills over time", "[policies]") {
    ManualClock clock;
    RateLimiter limiter({60, 3}, clock.clock());  // one a second, bursts of 3
    for (int i = 0; i < 3; ++i) CHECK(limiter.take("x").count() == 0);
    CHECK(limiter.take("x").count() == 1);
    CHECK(limiter.take("y").count() == 0);  // keys are independent
    clock.advance(1s);
    CHECK(limiter.take("x").count() == 0);
    CHECK(limiter.take("x").count() == 1);
    clock.advance(1h);  // refills only up to the burst
    for (int i = 0; i < 3; ++i) CHECK(limiter.take("x").count() == 0);
    CHECK(limiter.take("x").count() == 1);

    RateLimiter unlimited({0, 0}, clock.clock());
    for (int i = 0; i < 1000; ++i) REQUIRE(unlimited.take("x").count() == 0);
}

TEST_CASE("sign-in locks double up to the cap and usernames ignore case", "[policies]") {
    ManualClock clock;
    auto store = store_in_memory();
    LoginThrottle throttle({2, 1000, 1s, 8s, 24h}, clock.clock(), *store);
    throttle.record_failure("Alice", "10.0.0.1");
    CHECK(throttle.wait_before_attempt("alice", "10.0.0.2").count() == 0);
    throttle.record_failure("ALICE", "10.0.0.1");
    CHECK(throttle.wait_before_attempt("alice", "10.0.0.2") == 1s);
    for (int i = 0; i < 10; ++i) throttle.record_failure("alice", "10.0.0.1");
    CHECK(throttle.wait_before_attempt("alice", "10.0.0.2") == 8s);  // capped
    clock.advance(8s);
    CHECK(throttle.wait_before_attempt("alice", "10.0.0.2").count() == 0);
    throttle.record_success("Alice");
    throttle.record_failure("alice", "10.0.0.1");
    CHECK(throttle.wait_before_attempt("alice", "10.0.0.2").count() == 0);
}

TEST_CASE("the session store holds tokens only as hashes and caps its size", "[policies]") {
    ManualClock clock;
    SessionPolicy policy;
    policy.max_sessions = 2;
    auto store = store_in_memory();
    SessionStore sessions(policy, clock.clock(), *store);
    User u;
    u.username = "customer101";
    u.subject_id = "101";
    const std::string first = sessions.start(u);
    clock.advance(1s);
    const std::string second = sessions.start(u);
    clock.advance(1s);
    const std::string third = sessions.start(u);  // the oldest sign-in gives way
    CHECK_FALSE(sessions.find(first));
    CHECK(sessions.find(second));
    CHECK(sessions.find(third));
    CHECK(first.size() == 43);  // 256 random bits, base64url
    CHECK(sessions.find(third)->key == session_key(third));
    CHECK(session_key(third).find(third) == std::string::npos);
    CHECK_FALSE(sessions.find(""));
    CHECK_FALSE(sessions.find("forged"));
}

TEST_CASE("Retry-After is read as delay-seconds only", "[policies]") {
    CHECK(parse_retry_after("120") == 120.0);
    CHECK(parse_retry_after("0") == 0.0);
    for (const char* bad : {"", "-1", "1.5", "Wed, 21 Oct 2026 07:28:00 GMT", "9999999999", " 5"}) {
        INFO(bad);
        CHECK_FALSE(parse_retry_after(bad));
    }
}
