// Every upstream fault of RELIABILITY.md, on each of the AI upstreams (Gemini behind
// /api/generate, the Hugging Face router behind /api/summarize, Vertex AI Search and, until it
// ends, Custom Search behind /api/search).
// test_ai_routes.cpp covers Gemini's wire format in depth; this file checks that the same faults
// end the same way on every route: the caller gets the offline answer with a fallback code that
// says what happened, after no more attempts than configured, and the waits the proxy asked for
// fit inside the route's deadline. Time is never measured: a proxy that missed its deadline would
// leave the test client without an answer (REQUIRE(r) below).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>

#include "fake_upstream.h"
#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;
using namespace std::chrono_literals;

namespace {

// Long enough that retries never run out of time on a loaded machine; faults that consume the
// deadline in real time (silence, a slow drip) get the short one.
constexpr std::chrono::milliseconds kDeadline = 5000ms;
constexpr std::chrono::milliseconds kShortDeadline = 600ms;
constexpr int kAttempts = 3;

const nlohmann::json kShortlist = {{"product_ids", {"CARD-CASHBACK", "SAV-EASY"}},
                                   {"reason_codes", {{"CARD-CASHBACK", {"fits-spending"}}}}};

// One AI route and the upstream behind it: where it is, what a good answer looks like, and
// which provider names the real and the offline answer carry.
struct Route {
    const char* name;
    const char* path;
    nlohmann::json body;
    std::function<UpstreamConfig&(ProxyConfig&)> upstream;
    std::string good_answer;
    Act stated_delay;  // a retryable answer that names a 0.7 s delay the way this service does
    const char* real_provider;
    const char* offline_provider;
    std::function<void(ProxyConfig&)> select = nullptr;  // what picks this upstream, when the route has several
};

std::vector<Route> routes() {
    const std::string explained = nlohmann::json{
        {"explanations",
         {{{"product_id", "CARD-CASHBACK"}, {"text", "It pays back on groceries."}},
          {{"product_id", "SAV-EASY"}, {"text", "Savings with instant access."}}}}}.dump();
    return {
        {"generate (Gemini)", "/api/generate", kShortlist, [](ProxyConfig& c) -> UpstreamConfig& { return c.ai.gemini; },
         gemini_answer(explained), Act::respond(429, google_error(429, "RESOURCE_EXHAUSTED", "quota", "0.7s")),
         "gemini", "offline"},
        {"summarize (Hugging Face)", "/api/summarize", kShortlist,
         [](ProxyConfig& c) -> UpstreamConfig& { return c.ai.summarizer; },
         hf_summary("A cashback card and an easy-access saver suit this profile."), Act::respond(503, hf_loading(0.7)),
         "huggingface", "offline"},
        {"search (Vertex AI Search)", "/api/search", {{"product_id", "CARD-CASHBACK"}},
         [](ProxyConfig& c) -> UpstreamConfig& { return c.ai.search; },
         vertex_search({{"Apply for the Cashback card", "https://bank.example/cards/cashback/apply"}}),
         Act::respond(429, google_error(429, "RESOURCE_EXHAUSTED", "quota", "0.7s")), "vertex-ai-search", "catalog"},
        {"search (Custom Search)", "/api/search", {{"product_id", "CARD-CASHBACK"}},
         [](ProxyConfig& c) -> UpstreamConfig& { return c.ai.search; },
         custom_search({{"Apply for the Cashback card", "https://bank.example/cards/cashback/apply"}}),
         Act::respond(429, google_error(429, "RESOURCE_EXHAUSTED", "quota", "0.7s")), "google-custom-search", "catalog",
         [](ProxyConfig& c) { c.ai.search_provider = SearchProvider::CustomSearch; }},
    };
}

// A loopback port nothing listens on: connecting is refused at once.
int closed_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

// A proxy whose three upstreams all point at `upstream` (only the route under test calls one),
// with keys, `deadline` and a breaker that stays closed unless a test sets it.
std::function<void(ProxyConfig&)> all_at(const Route& route, const FakeUpstream& upstream,
                                         const std::string& base_url = "",
                                         std::function<void(ProxyConfig&)> more = nullptr,
                                         std::chrono::milliseconds deadline = kDeadline) {
    const std::string url = base_url.empty() ? upstream.base_url() : base_url;
    const auto select = route.select;
    return [url, more, deadline, select](ProxyConfig& c) {
        for (UpstreamConfig* up : {&c.ai.gemini, &c.ai.summarizer, &c.ai.search}) {
            up->base_url = url;
            up->key = "test-key-0123456789";
            up->deadline = deadline;
            up->max_attempts = kAttempts;
        }
        c.ai.search_cx = "test-engine";
        c.ai.search_serving_config =
            "projects/bank-web/locations/global/collections/default_collection/engines/bank-site/servingConfigs/default_search";
        c.ai.breaker_failures = 1000;
        c.ai.max_answer_bytes = 64 * 1024;
        c.ai_requests_per_minute = 0;
        if (select) select(c);
        if (more) more(c);
    };
}

nlohmann::json ask(TestProxy& proxy, const Route& route, const std::string& cookie) {
    auto r = proxy.post(route.path, route.body, cookie);
    REQUIRE(r);  // an answer at all: the proxy kept its deadline
    INFO(r->body);
    REQUIRE(r->status == 200);
    return json_of(r);
}

void check_fallback(const nlohmann::json& answer, const Route& route, const std::string& code) {
    INFO(answer.dump());
    CHECK(answer["provider"] == route.offline_provider);
    REQUIRE(answer.contains("fallback"));
    CHECK(answer["fallback"]["code"] == code);
    CHECK_FALSE(answer["fallback"]["message"].get<std::string>().empty());
}

std::chrono::milliseconds total(const std::vector<std::chrono::milliseconds>& waits) {
    std::chrono::milliseconds sum{0};
    for (auto w : waits) sum += w;
    return sum;
}

struct Fault {
    const char* name;
    std::vector<Act> acts;  // the last act repeats
    const char* code;
    int requests;           // upstream requests the proxy makes
    std::chrono::milliseconds deadline = kDeadline;
};

}  // namespace

TEST_CASE("faults: every upstream fault ends in the offline answer with its code", "[faults][ai]") {
    const std::string huge(70 * 1024, 'x');  // over max_answer_bytes (64 KiB)
    const Fault faults[] = {
        {"500 every time", {Act::respond(500, google_error(500, "INTERNAL", "boom"))}, "upstream_error", kAttempts},
        {"503 every time", {Act::respond(503, google_error(503, "UNAVAILABLE", "overloaded"))}, "upstream_error", kAttempts},
        {"429 every time", {Act::respond(429, google_error(429, "RESOURCE_EXHAUSTED", "quota"))}, "rate_limited", kAttempts},
        {"401", {Act::respond(401, google_error(401, "UNAUTHENTICATED", "bad key"))}, "unauthorized", 1},
        {"402 out of credit", {Act::respond(402, hf_out_of_credits())}, "payment_required", 1},
        {"400", {Act::respond(400, google_error(400, "INVALID_ARGUMENT", "bad request"))}, "rejected", 1},
        {"redirect", {Act::respond(307, "", {{"Location", "http://evil.example/"}})}, "redirect", 1},
        {"malformed JSON", {Act::respond(200, "<html>Gateway error</html>")}, "malformed_answer", 1},
        {"truncated JSON", {Act::respond(200, "{\"candidates\": [{\"content\": ")}, "malformed_answer", 1},
        {"oversized answer", {Act::respond(200, "\"" + huge + "\"")}, "answer_too_large", 1},
        {"reset mid-body every time", {Act::reset_mid_body(huge)}, "connection_reset", kAttempts},
        {"silent upstream", {Act::hang()}, "timeout", 1, kShortDeadline},
        {"slow drip", {Act::drip(std::string(200, ' ') + "{}", 20ms)}, "timeout", 1, kShortDeadline},
    };
    for (const Route& route : routes()) {
        for (const Fault& fault : faults) {
            INFO(route.name << ": " << fault.name);
            FakeUpstream upstream;
            TestProxy proxy(all_at(route, upstream, "", nullptr, fault.deadline));
            upstream.script(fault.acts);
            check_fallback(ask(proxy, route, proxy.sign_in("customer101")), route, fault.code);
            CHECK(upstream.requests().size() == static_cast<std::size_t>(fault.requests));
            CHECK(proxy.sleeps().size() == static_cast<std::size_t>(fault.requests - 1));
            CHECK(total(proxy.sleeps()) < fault.deadline);
        }
    }
}

TEST_CASE("faults: an unreachable upstream is retried, then the offline answer", "[faults][ai]") {
    for (const Route& route : routes()) {
        INFO(route.name);
        FakeUpstream unused;
        TestProxy proxy(all_at(route, unused, "http://127.0.0.1:" + std::to_string(closed_port())));
        check_fallback(ask(proxy, route, proxy.sign_in("customer101")), route, "unreachable");
        CHECK(proxy.sleeps().size() == static_cast<std::size_t>(kAttempts - 1));
        CHECK(total(proxy.sleeps()) < kDeadline);
    }
}

TEST_CASE("faults: Retry-After and stated delays are waited for when they fit the deadline", "[faults][ai]") {
    for (const Route& route : routes()) {
        INFO(route.name);
        FakeUpstream upstream;
        TestProxy proxy(all_at(route, upstream));
        const std::string cookie = proxy.sign_in("customer101");
        upstream.script({Act::respond(429, "{}", {{"Retry-After", "1"}}), route.stated_delay,
                         Act::respond(200, route.good_answer)});
        const auto answer = ask(proxy, route, cookie);
        CHECK(answer["provider"] == route.real_provider);
        CHECK_FALSE(answer.contains("fallback"));
        REQUIRE(proxy.sleeps().size() == 2);
        CHECK(proxy.sleeps()[0] >= 1000ms);
        CHECK(proxy.sleeps()[1] >= 700ms);
        CHECK(upstream.requests().size() == 3);

        // A delay that would end after the deadline is not waited for: one call, then offline.
        upstream.script({Act::respond(503, "{}", {{"Retry-After", "30"}})});
        nlohmann::json other = {{"product_id", "SAV-EASY"}};  // another question: not from the cache
        if (route.body.contains("product_ids")) other = {{"product_ids", {"SAV-EASY"}}};
        auto r = proxy.post(route.path, other, cookie);
        REQUIRE(r);
        check_fallback(json_of(r), route, "upstream_error");
        CHECK(upstream.requests().size() == 4);
        CHECK(proxy.sleeps().size() == 2);
    }
}

TEST_CASE("faults: each upstream's circuit breaker opens, skips calls, and recovers", "[faults][ai][breaker]") {
    for (const Route& route : routes()) {
        INFO(route.name);
        FakeUpstream upstream;
        TestProxy proxy(all_at(route, upstream, "", [](ProxyConfig& c) {
            c.ai.breaker_failures = 2;
            c.ai.breaker_open_for = 30000ms;
            for (UpstreamConfig* up : {&c.ai.gemini, &c.ai.summarizer, &c.ai.search}) up->max_attempts = 1;
        }));
        const std::string cookie = proxy.sign_in("customer101");
        upstream.script({Act::respond(500, "{}")});
        check_fallback(ask(proxy, route, cookie), route, "upstream_error");
        check_fallback(ask(proxy, route, cookie), route, "upstream_error");
        check_fallback(ask(proxy, route, cookie), route, "circuit_open");
        CHECK(upstream.requests().size() == 2);  // the open breaker made no call

        proxy.clock().advance(30s);
        upstream.script({Act::respond(200, route.good_answer)});
        CHECK(ask(proxy, route, cookie)["provider"] == route.real_provider);
        CHECK(upstream.requests().size() == 3);
        const std::string state = std::string("bank_proxy_circuit_breaker_state{upstream=\"") + route.real_provider + "\"} 0";
        CHECK(proxy.metrics_text().find(state) != std::string::npos);
    }
}

TEST_CASE("faults: a 200 that carries an error body is no answer", "[faults][ai]") {
    const std::string error_body = google_error(500, "INTERNAL", "An internal error has occurred");
    for (const Route& route : routes()) {
        INFO(route.name);
        FakeUpstream upstream;
        TestProxy proxy(all_at(route, upstream));
        upstream.script({Act::respond(200, error_body)});
        // Gemini reads an object without candidates as an empty answer; the others as no answer at all.
        const std::string code = route.path == std::string("/api/generate") ? "empty_answer" : "malformed_answer";
        check_fallback(ask(proxy, route, proxy.sign_in("customer101")), route, code);
        CHECK(upstream.requests().size() == 1);
    }
}

TEST_CASE("faults: the RateLimit header's reset time is waited for like Retry-After", "[faults][ai]") {
    for (const Route& route : routes()) {
        INFO(route.name);
        FakeUpstream upstream;
        TestProxy proxy(all_at(route, upstream));
        // As the Hugging Face router sends it: the policy, then how many requests are left and the
        // seconds until the window resets.
        upstream.script({Act::respond(429, "{}", {{"RateLimit", "\"api\";r=0;t=2"},
                                                  {"RateLimit-Policy", "\"fixed window\";\"api\";q=1000;w=300"}}),
                         Act::respond(200, route.good_answer)});
        CHECK(ask(proxy, route, proxy.sign_in("customer101"))["provider"] == route.real_provider);
        REQUIRE(proxy.sleeps().size() == 1);
        CHECK(proxy.sleeps()[0] >= 2000ms);
        CHECK(upstream.requests().size() == 2);
    }
}

TEST_CASE("faults: RateLimit header values", "[faults][ai]") {
    CHECK(parse_rate_limit("\"api\";r=0;t=55") == 55.0);
    CHECK(parse_rate_limit("\"api\"; r=0; t=55") == 55.0);
    CHECK(parse_rate_limit("\"burst\";r=0;t=5, \"day\";r=0;t=3600") == 3600.0);  // the longest exhausted one
    CHECK_FALSE(parse_rate_limit("\"api\";r=12;t=55"));                         // requests left: no wait
    for (const char* bad : {"", "api", "\"api\";r=0", "\"api\";t=55", "\"api\";r=0;t=-1", "\"api\";r=0;t=1e9",
                            "\"api\";r=0;t=9999999999"}) {
        INFO(bad);
        CHECK_FALSE(parse_rate_limit(bad));
    }
}
