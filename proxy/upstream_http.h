// One HTTP exchange with an upstream service at a base URL fixed by the operator (tests point it
// at loopback). Never follows redirects, never sends anything but the path it is given, bounds
// the whole exchange by a deadline and the answer by a size limit, and reports transport failures
// as values so the caller can decide to retry. Connections are kept alive and reused (a TLS
// handshake per call would cost more than the proxy's own work); a client that failed in any way
// is dropped, never reused.
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>
#include <optional>
#include <string>

#include "proxy/deadline_watchdog.h"

namespace bank::proxy {

struct UpstreamRequest {
    std::string method = "POST";   // "GET" or "POST"
    std::string path;              // with query string, already encoded
    httplib::Headers headers;
    std::string body;              // JSON for POST
};

enum class Transport {
    Ok,            // an HTTP answer arrived (any status)
    ConnectFailed, // no connection (refused, DNS, TLS handshake)
    Timeout,       // the deadline passed
    Reset,         // the connection broke mid-exchange
    TooLarge,      // the answer exceeded the size limit
};
const char* to_string(Transport t);

struct UpstreamResponse {
    Transport transport = Transport::ConnectFailed;
    int status = 0;
    std::string body;
    std::optional<double> retry_after_seconds;  // the Retry-After header, in seconds
    std::optional<double> rate_limit_reset_seconds;  // the RateLimit header: when an exhausted quota resets
};

class UpstreamHttp {
public:
    // `base_url` like "https://generativelanguage.googleapis.com" or "http://127.0.0.1:8181".
    UpstreamHttp(std::string base_url, std::chrono::milliseconds connect_timeout, std::size_t max_answer_bytes,
                 DeadlineWatchdog& watchdog);

    UpstreamResponse send(const UpstreamRequest& request, std::chrono::steady_clock::time_point deadline) const;
    const std::string& base_url() const { return base_url_; }

private:
    struct IdleClients {
        std::mutex mutex;
        std::vector<std::unique_ptr<httplib::Client>> clients;
    };
    std::unique_ptr<httplib::Client> take_client() const;
    void give_back(std::unique_ptr<httplib::Client> client) const;

    std::string base_url_;
    std::chrono::milliseconds connect_timeout_;
    std::size_t max_answer_bytes_;
    DeadlineWatchdog& watchdog_;
    std::shared_ptr<IdleClients> idle_ = std::make_shared<IdleClients>();
};

// Retry-After as delay-seconds ("120"); HTTP-dates are not used by the services we call.
std::optional<double> parse_retry_after(const std::string& value);

// The RateLimit header of the IETF draft (draft-ietf-httpapi-ratelimit-headers), as Hugging Face
// sends it: one or more policies `"api";r=0;t=55` (r: requests remaining, t: seconds until the
// window resets), comma-separated. The seconds until the longest exhausted policy (r=0) resets,
// or nullopt when none is exhausted or the value does not parse.
std::optional<double> parse_rate_limit(const std::string& value);

}  // namespace bank::proxy
