// What the edge stops before a replica sees it: clients that send their request slowly (each
// waiting connection costs nginx a few KB, not a replica's worker), headers and bodies over the
// limits, and too many connections from one address; each answered in the API's error shape.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "edge_fixture.h"
#include "raw_connection.h"

using namespace bank::proxy::test;
using namespace std::chrono_literals;

namespace {

std::string get_with_fields(std::size_t count, std::size_t value_size) {
    std::string request = "GET /api/catalog HTTP/1.1\r\nHost: bank\r\n";
    for (std::size_t i = 0; i < count; ++i) {
        request += "X-Field-" + std::to_string(i) + ": " + std::string(value_size, 'v') + "\r\n";
    }
    return request + "\r\n";
}

std::optional<RawResponse> exchange(int port, const std::string& request) {
    RawConnection c(port, "127.0.0.1", RawConnection::Tls::Yes);
    c.send(request);
    return c.read_response(5s);
}

}  // namespace

TEST_CASE("slow clients are cut off at the edge while everyone else is answered", "[edge][slow]") {
    // One replica with few workers: if the edge passed slow requests on, they would hold them all.
    Replicas replicas(1, {"--threads", "2"});
    EdgeOptions options;
    options.client_timeout = "2s";
    options.connections_per_address = 1000;
    Edge edge(replicas.ports(), options);

    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < 100; ++i) {
        slow.push_back(std::make_unique<RawConnection>(edge.port(), "127.0.0.2", RawConnection::Tls::Yes));
        slow.back()->send("POST /api/login HTTP/1.1\r\nHost: bank\r\n");
    }
    auto slow_body = std::make_unique<RawConnection>(edge.port(), "127.0.0.2", RawConnection::Tls::Yes);
    slow_body->send("POST /api/login HTTP/1.1\r\nHost: bank\r\nContent-Type: application/json\r\n"
                    "Content-Length: 100\r\n\r\n{");
    for (int round = 0; round < 4; ++round) {
        for (auto& c : slow) c->send("X-Slow-" + std::to_string(round) + ": 1\r\n");  // a line every 0.5 s
        const auto asked = std::chrono::steady_clock::now();
        auto probe = edge.get("/api/catalog");
        REQUIRE(probe);
        CHECK(probe->status == 200);
        CHECK(std::chrono::steady_clock::now() - asked < 3s);  // not after the slow ones
        std::this_thread::sleep_for(500ms);
    }
    // The whole head was due within 2 s of the first byte, the next piece of body within 2 s.
    int cut_off = 0;
    for (auto& c : slow) cut_off += c->closed_within(2s) ? 1 : 0;
    CHECK(cut_off == 100);
    CHECK(slow_body->closed_within(1s));
    // None of it reached the replica.
    CHECK(replicas.answered(0, "/api/login") == 0);
}

TEST_CASE("header and body limits are enforced at the edge, in the API's error shape", "[edge][limits]") {
    Replicas replicas(1);
    Edge edge(replicas.ports());
    CHECK(exchange(edge.port(), get_with_fields(20, 100))->status == 200);

    auto large = exchange(edge.port(), get_with_fields(40, 1000));  // 40 KB of header fields
    REQUIRE(large);
    CHECK(large->status == 431);
    CHECK(error_code_of(large->body) == "header_fields_too_large");
    CHECK(large->header("Content-Type") == "application/json");
    CHECK(large->header("X-Content-Type-Options") == "nosniff");

    // Under nginx's size limit but over the proxy's field count: the replica's own 431.
    auto many = exchange(edge.port(), get_with_fields(150, 2));
    REQUIRE(many);
    CHECK(many->status == 431);
    CHECK(error_code_of(many->body) == "header_fields_too_large");

    auto body = exchange(edge.port(), "POST /api/login HTTP/1.1\r\nHost: bank\r\nContent-Type: application/json\r\n"
                                      "Content-Length: 100000\r\n\r\n{");
    REQUIRE(body);
    CHECK(body->status == 413);
    CHECK(error_code_of(body->body) == "payload_too_large");

    // A chunked body within the limit reaches the replica whole, with a Content-Length.
    const std::string login = R"({"username":"customer101","password":"wrong"})";
    char size[16];
    std::snprintf(size, sizeof size, "%zx", login.size());
    auto chunked = exchange(edge.port(), "POST /api/login HTTP/1.1\r\nHost: bank\r\nContent-Type: application/json\r\n"
                                         "Transfer-Encoding: chunked\r\n\r\n" + std::string(size) + "\r\n" + login +
                                         "\r\n0\r\n\r\n");
    REQUIRE(chunked);
    CHECK(chunked->status == 401);
    CHECK(replicas.answered(0, "/api/login", 1) == 1);
}

// nginx counts a connection once its request head has arrived (waiting ones are bounded by the
// client timeouts instead): three uploads under way from one address fill its allowance.
TEST_CASE("one address may have only so many requests under way at the edge", "[edge][limits]") {
    Replicas replicas(1);
    EdgeOptions options;
    options.connections_per_address = 3;
    Edge edge(replicas.ports(), options);
    const std::string upload = "POST /api/login HTTP/1.1\r\nHost: bank\r\nContent-Type: application/json\r\n"
                               "Content-Length: 100\r\n\r\n{";
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<RawConnection>(edge.port(), "127.0.0.3", RawConnection::Tls::Yes));
        held.back()->send(upload);
    }
    std::this_thread::sleep_for(200ms);
    RawConnection extra(edge.port(), "127.0.0.3", RawConnection::Tls::Yes);
    extra.send(upload);
    auto refused = extra.read_response(3s);
    REQUIRE(refused);
    CHECK(refused->status == 429);
    CHECK(error_code_of(refused->body) == "too_many_connections");
    // Another address is not affected.
    auto other = edge.get("/api/catalog");
    REQUIRE(other);
    CHECK(other->status == 200);
}
