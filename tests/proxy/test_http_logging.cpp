// What the proxy records about a request must come from that request and from fixed words only:
// /metrics once took its method label from the request line (`BAD"}x` broke the text format and
// every new method added a series forever), and the access line of a request the HTTP library
// refused showed the route, role and timing of an earlier request served by the same thread.
// Behind the edge, the client's address comes from the edge's X-Real-IP, and only from the edge.
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "proxy_fixture.h"
#include "raw_connection.h"

using namespace bank::proxy;
using namespace bank::proxy::test;
using namespace std::chrono_literals;

namespace {

std::optional<RawResponse> exchange(int port, const std::string& request, const std::string& from = "127.0.0.1") {
    RawConnection c(port, from);
    c.send(request);
    return c.read_response(3s);
}

std::set<std::string> method_labels(const std::string& metrics) {
    static const std::regex label("method=\"([^\"]*)\"");
    std::set<std::string> seen;
    for (auto it = std::sregex_iterator(metrics.begin(), metrics.end(), label); it != std::sregex_iterator(); ++it) {
        seen.insert((*it)[1]);
    }
    return seen;
}

}  // namespace

TEST_CASE("metrics take method labels from a fixed set, whatever the request line says", "[http][metrics]") {
    TestProxy proxy;
    const std::size_t logged = proxy.log_lines().size();
    auto bad = exchange(proxy.port(), "BAD\"}x / HTTP/1.1\r\nHost: bank\r\n\r\n");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    for (int i = 0; i < 30; ++i) exchange(proxy.port(), "BREW" + std::to_string(i) + " /api/catalog HTTP/1.1\r\n\r\n");
    CHECK(proxy.get("/api/catalog")->status == 200);
    proxy.log_lines(logged + 32);  // a request is counted as it is logged, just after its answer

    const std::string text = proxy.metrics_text();
    // Every line is a comment or `name{label="value",...} number` with plain label values.
    static const std::regex sample(R"(^[a-z_]+(\{([a-z_]+="[A-Za-z0-9_./{}+-]*")(,[a-z_]+="[A-Za-z0-9_./{}+-]*")*\})? [0-9.e+-]+$)");
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        INFO(line);
        if (line.rfind("# ", 0) == 0) continue;
        CHECK(std::regex_match(line, sample));
    }
    CHECK(method_labels(text) == std::set<std::string>{"GET", "other"});
}

TEST_CASE("the access line of a refused request describes that request, not an earlier one", "[http][log]") {
    TestProxy proxy([](ProxyConfig& c) { c.threads = 1; });  // every request on the same worker thread
    const std::string cookie = proxy.sign_in("banker01");
    REQUIRE(proxy.get("/api/book/101", cookie)->status == 200);
    std::this_thread::sleep_for(300ms);
    const std::pair<std::string, std::string> refused[] = {
        {"BREW /api/book/101 HTTP/1.1\r\nHost: bank\r\n\r\n", "other"},
        {"GET /api/book/101 HTTP/9.9\r\nHost: bank\r\n\r\n", "GET"}};
    for (const auto& [request, method] : refused) {
        INFO(request);
        const std::size_t before = proxy.log_lines().size();
        auto r = exchange(proxy.port(), request);
        REQUIRE(r);
        CHECK(r->status == 400);
        const auto lines = proxy.log_lines(before + 1);
        REQUIRE(lines.size() > before);
        const auto line = nlohmann::json::parse(lines.back());
        INFO(lines.back());
        CHECK(line["status"] == 400);
        CHECK(line["route"] == "unmatched");
        CHECK(line["role"] == "anonymous");
        CHECK(line["method"] == method);
        CHECK(line["ms"].get<double>() < 250);  // not the time since the earlier request began
    }
}

TEST_CASE("behind a trusted edge the client's address is the edge's X-Real-IP", "[http][log]") {
    TestProxy proxy([](ProxyConfig& c) {
        c.trusted_proxies = {"127.0.0.1"};
        c.api_requests_per_minute = 60;  // bursts of 20 per address
    });
    const std::string from_edge = "GET /api/catalog HTTP/1.1\r\nHost: bank\r\nX-Real-IP: ";
    for (int i = 0; i < 20; ++i) REQUIRE(exchange(proxy.port(), from_edge + "10.0.0.1\r\n\r\n")->status == 200);
    CHECK(exchange(proxy.port(), from_edge + "10.0.0.1\r\n\r\n")->status == 429);
    CHECK(exchange(proxy.port(), from_edge + "10.0.0.2\r\n\r\n")->status == 200);  // another client
    // /metrics is for the machine itself, not for a client the edge forwards.
    CHECK(exchange(proxy.port(), "GET /metrics HTTP/1.1\r\nHost: bank\r\nX-Real-IP: 10.0.0.2\r\n\r\n")->status == 404);

    // Anyone else's X-Real-IP is not believed: 127.0.0.2 is limited as itself.
    for (int i = 0; i < 20; ++i) {
        REQUIRE(exchange(proxy.port(), from_edge + "10.1.0." + std::to_string(i) + "\r\n\r\n", "127.0.0.2")->status ==
                200);
    }
    CHECK(exchange(proxy.port(), from_edge + "10.1.0.99\r\n\r\n", "127.0.0.2")->status == 429);
}
