// What one client can take from everyone else: header fields without limit (one GET with 200,000
// of them once grew the process by 50 MB), headers that never finish arriving (slowloris: 130
// connections each sending a header line every 5 s once left every other client unanswered), and
// any number of connections from one address.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>
#include <vector>

#include "proxy_fixture.h"
#include "raw_connection.h"

using namespace bank::proxy;
using namespace bank::proxy::test;
using namespace std::chrono_literals;

namespace {

std::string get_with_fields(std::size_t count, std::size_t value_size) {
    std::string request = "GET /healthz HTTP/1.1\r\nHost: bank\r\n";
    for (std::size_t i = 0; i < count; ++i) {
        request += "X-Field-" + std::to_string(i) + ": " + std::string(value_size, 'v') + "\r\n";
    }
    return request + "\r\n";
}

std::optional<RawResponse> exchange(int port, const std::string& request, std::chrono::milliseconds timeout = 5s) {
    RawConnection c(port);
    c.send(request);
    return c.read_response(timeout);
}

}  // namespace

TEST_CASE("too many header fields, or too many header bytes, are answered 431", "[http][limits]") {
    TestProxy proxy;
    CHECK(exchange(proxy.port(), get_with_fields(20, 100))->status == 200);  // an ordinary browser request

    auto many = exchange(proxy.port(), get_with_fields(200, 4));
    REQUIRE(many);
    CHECK(many->status == 431);
    CHECK(error_code_of(many->body) == "header_fields_too_large");

    auto large = exchange(proxy.port(), get_with_fields(40, 1000));  // 40 KB in lines of 1 KB
    REQUIRE(large);
    CHECK(large->status == 431);

    auto one_long_line = exchange(proxy.port(), get_with_fields(1, 20000));
    REQUIRE(one_long_line);
    CHECK(one_long_line->status == 431);
    CHECK(proxy.get("/healthz")->status == 200);
}

TEST_CASE("a 22 MB header block is cut off at the limit, not read whole", "[http][limits]") {
    TestProxy proxy;
    RawConnection c(proxy.port());
    // The server answers and closes after the first few KB; the rest of the send fails.
    std::thread sender([&c] { c.send(get_with_fields(200000, 100)); });
    auto r = c.read_response(5s);
    sender.join();
    REQUIRE(r);
    CHECK(r->status == 431);
    CHECK(r->header("Connection") == "close");
}

TEST_CASE("headers that take longer than the header deadline are answered 408 and closed", "[http][limits]") {
    TestProxy proxy([](ProxyConfig& c) { c.header_timeout_seconds = 1; });
    RawConnection c(proxy.port());
    const auto start = std::chrono::steady_clock::now();
    c.send("GET /healthz HTTP/1.1\r\n");
    std::optional<RawResponse> r;
    // One line every 200 ms: each arrives well within any per-read timeout.
    for (int i = 0; i < 20 && !r; ++i) {
        if (!c.send("X-Drip-" + std::to_string(i) + ": 1\r\n")) break;
        r = c.read_response(200ms);
    }
    if (!r) r = c.read_response(1s);
    REQUIRE(r);
    CHECK(r->status == 408);
    CHECK(std::chrono::steady_clock::now() - start < 4s);  // a deadline, not a timeout per line
    CHECK(c.closed_within(1s));
}

TEST_CASE("a connection that never sends a request is closed after the header deadline", "[http][limits]") {
    TestProxy proxy([](ProxyConfig& c) { c.header_timeout_seconds = 1; });
    RawConnection idle(proxy.port());
    CHECK(idle.closed_within(3500ms));  // the keep-alive wait (5 s) does not apply
}

TEST_CASE("slow clients holding connections do not stop other clients being answered", "[http][limits]") {
    // Few workers, so that a thread per waiting connection would run out at once.
    TestProxy proxy([](ProxyConfig& c) {
        c.threads = 4;
        c.header_timeout_seconds = 30;
        c.connections_per_address = 0;
    });
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < 60; ++i) {
        slow.push_back(std::make_unique<RawConnection>(proxy.port(), "127.0.0.2"));
        slow.back()->send("GET /api/catalog HTTP/1.1\r\nHost: bank\r\n");
    }
    for (int round = 0; round < 3; ++round) {
        for (auto& c : slow) c->send("X-Slow: " + std::to_string(round) + "\r\n");
        const auto start = std::chrono::steady_clock::now();
        auto probe = exchange(proxy.port(), "GET /api/catalog HTTP/1.1\r\nHost: bank\r\n\r\n", 3s);
        REQUIRE(probe);
        CHECK(probe->status == 200);
        CHECK(std::chrono::steady_clock::now() - start < 3s);  // not after the slow ones
        std::this_thread::sleep_for(300ms);
    }
    // The slow requests themselves are still served once they finish.
    slow.front()->send("\r\n");
    auto finished = slow.front()->read_response(3s);
    REQUIRE(finished);
    CHECK(finished->status == 200);
}

TEST_CASE("one address may hold only so many connections", "[http][limits]") {
    TestProxy proxy([](ProxyConfig& c) { c.connections_per_address = 3; });
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 3; ++i) held.push_back(std::make_unique<RawConnection>(proxy.port(), "127.0.0.3"));
    held.front()->send("GET /healthz HTTP/1.1\r\nHost: bank\r\n\r\n");
    REQUIRE(held.front()->read_response()->status == 200);

    RawConnection extra(proxy.port(), "127.0.0.3");
    extra.send("GET /healthz HTTP/1.1\r\nHost: bank\r\n\r\n");
    auto refused = extra.read_response(2s);
    if (refused) {
        CHECK(refused->status == 429);
        CHECK(error_code_of(refused->body) == "too_many_connections");
    }
    CHECK(extra.closed_within(2s));

    // Other addresses are not affected, and a closed connection frees its place.
    CHECK(proxy.get("/healthz")->status == 200);
    held.pop_back();
    std::this_thread::sleep_for(200ms);
    RawConnection again(proxy.port(), "127.0.0.3");
    again.send("GET /healthz HTTP/1.1\r\nHost: bank\r\n\r\n");
    auto r = again.read_response();
    REQUIRE(r);
    CHECK(r->status == 200);
}

TEST_CASE("under TLS the same limits and deadlines hold", "[http][limits][tls]") {
    TempDir keys;
    const std::string cert = keys.path() + "/cert.pem", key = keys.path() + "/key.pem";
    const std::string make_cert = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
                                  "-subj /CN=127.0.0.1 -keyout " + key + " -out " + cert + " >/dev/null 2>&1";
    REQUIRE(std::system(make_cert.c_str()) == 0);
    TestProxy proxy([&](ProxyConfig& c) {
        c.tls_cert = cert;
        c.tls_key = key;
        c.header_timeout_seconds = 1;
    });
    // A client that opens a connection and never starts the TLS handshake.
    RawConnection stalled(proxy.port());

    httplib::SSLClient client("127.0.0.1", proxy.port());
    client.enable_server_certificate_verification(false);  // self-signed for the test
    client.set_keep_alive(true);
    for (int i = 0; i < 3; ++i) CHECK(client.Get("/healthz")->status == 200);  // one kept-alive connection
    httplib::Headers many;
    for (int i = 0; i < 200; ++i) many.emplace("X-Field-" + std::to_string(i), "v");
    auto r = client.Get("/healthz", many);
    REQUIRE(r);
    CHECK(r->status == 431);
    CHECK(stalled.closed_within(3500ms));
}
