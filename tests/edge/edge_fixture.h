// The edge as deployed: nginx, configured by deploy/nginx/render_edge.sh from the shipped
// template, on a free loopback port in front of bank-proxy replicas (the real binary in child
// processes, tests/proxy/proxy_fixture.h). Nothing is installed here: without nginx or openssl
// (scripts/install.sh) the edge fails to start with the reason.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "proxy_fixture.h"

namespace bank::proxy::test {

struct EdgeOptions {
    std::string client_timeout = "10s";  // nginx's client header/body/send timeouts
    int connections_per_address = 64;  // requests under way per client address (nginx limit_conn)
};

class Edge {
public:
    // Throws, with nginx's own words, if it does not start.
    explicit Edge(const std::vector<int>& replica_ports, const EdgeOptions& options = {});
    ~Edge();  // nginx stopped and waited for; its folder removed
    Edge(const Edge&) = delete;
    Edge& operator=(const Edge&) = delete;

    int port() const { return port_; }
    std::string origin() const { return "https://127.0.0.1:" + std::to_string(port_); }
    // HTTPS client (the certificate is self-signed, so it is not checked).
    std::unique_ptr<httplib::SSLClient> client() const;
    httplib::Result get(const std::string& path, const std::string& cookie = "") const;
    httplib::Result post(const std::string& path, const nlohmann::json& body, const std::string& cookie = "",
                         const std::string& origin = "") const;
    // Signs in through the edge; the Cookie header value to send.
    std::string sign_in(const std::string& username) const;
    std::string error_log() const;

private:
    TempDir dir_;
    pid_t pid_ = -1;
    int port_ = -1;
};

// bank-proxy replicas as the edge expects them (--trusted-proxy 127.0.0.1, a keep-alive longer
// than the edge's), over one copy of the test data; each on its own SQLite file unless `options`
// name a --store.
class Replicas {
public:
    explicit Replicas(int count, const std::vector<std::string>& options = {},
                      const std::vector<std::string>& environment = {});
    std::vector<int> ports() const;
    ProxyProcess& at(std::size_t i) { return *replicas_.at(i); }
    // Requests the replica answered on `route` (from its own /metrics). A request is counted just
    // after its answer is sent, so this waits (up to 2 s) for the count to reach `at_least`.
    long answered(std::size_t i, const std::string& route, long at_least = 0) const;

private:
    TempDir root_;
    std::vector<std::unique_ptr<ProxyProcess>> replicas_;
};

}  // namespace bank::proxy::test
