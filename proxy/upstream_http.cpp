#include "proxy/upstream_http.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <utility>

namespace bank::proxy {

const char* to_string(Transport t) {
    switch (t) {
        case Transport::Ok: return "ok";
        case Transport::ConnectFailed: return "connect_failed";
        case Transport::Timeout: return "timeout";
        case Transport::Reset: return "reset";
        case Transport::TooLarge: return "too_large";
    }
    return "unknown";
}

std::optional<double> parse_retry_after(const std::string& value) {
    if (value.empty() || value.size() > 9) return std::nullopt;
    for (char c : value) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    return std::strtod(value.c_str(), nullptr);
}

namespace {

// `key`=N in one policy's parameters (";r=0;t=55"); nullopt when absent or not a whole number.
std::optional<long> parameter(const std::string& policy, const char* key) {
    std::size_t pos = 0;
    while ((pos = policy.find(';', pos)) != std::string::npos) {
        ++pos;
        while (pos < policy.size() && policy[pos] == ' ') ++pos;
        const std::string name = key;
        if (policy.compare(pos, name.size(), name) != 0 || policy.compare(pos + name.size(), 1, "=") != 0) continue;
        const std::size_t start = pos + name.size() + 1;
        std::size_t end = start;
        while (end < policy.size() && policy[end] >= '0' && policy[end] <= '9') ++end;
        if (end == start || end - start > 9 || (end < policy.size() && policy[end] != ';' && policy[end] != ' '))
            return std::nullopt;
        return std::strtol(policy.substr(start, end - start).c_str(), nullptr, 10);
    }
    return std::nullopt;
}

}  // namespace

std::optional<double> parse_rate_limit(const std::string& value) {
    if (value.empty() || value.size() > 512) return std::nullopt;
    std::optional<double> reset;
    std::size_t pos = 0;
    while (pos <= value.size()) {
        const std::size_t comma = std::min(value.find(',', pos), value.size());
        const std::string policy = value.substr(pos, comma - pos);
        pos = comma + 1;
        const auto remaining = parameter(policy, "r");
        const auto seconds = parameter(policy, "t");
        if (remaining && seconds && *remaining == 0 && (!reset || *seconds > *reset)) reset = static_cast<double>(*seconds);
    }
    return reset;
}

UpstreamHttp::UpstreamHttp(std::string base_url, std::chrono::milliseconds connect_timeout,
                           std::size_t max_answer_bytes, DeadlineWatchdog& watchdog)
    : base_url_(std::move(base_url)),
      connect_timeout_(connect_timeout),
      max_answer_bytes_(max_answer_bytes),
      watchdog_(watchdog) {}

namespace {
// Enough for every worker thread to keep its connection under full load.
constexpr std::size_t kMaxIdleClients = 512;
}

std::unique_ptr<httplib::Client> UpstreamHttp::take_client() const {
    {
        std::lock_guard<std::mutex> lock(idle_->mutex);
        if (!idle_->clients.empty()) {
            auto client = std::move(idle_->clients.back());
            idle_->clients.pop_back();
            return client;
        }
    }
    auto client = std::make_unique<httplib::Client>(base_url_);
    client->set_follow_location(false);
    client->set_keep_alive(true);
    // httplib writes a request's headers and body separately; with Nagle's algorithm the body
    // would wait for the peer's delayed ACK (up to 40 ms).
    client->set_tcp_nodelay(true);
    return client;
}

void UpstreamHttp::give_back(std::unique_ptr<httplib::Client> client) const {
    std::lock_guard<std::mutex> lock(idle_->mutex);
    if (idle_->clients.size() < kMaxIdleClients) idle_->clients.push_back(std::move(client));
}

UpstreamResponse UpstreamHttp::send(const UpstreamRequest& request,
                                    std::chrono::steady_clock::time_point deadline) const {
    UpstreamResponse out;
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (remaining.count() <= 0) {
        out.transport = Transport::Timeout;
        return out;
    }
    std::unique_ptr<httplib::Client> client = take_client();
    client->set_connection_timeout(std::min(connect_timeout_, remaining));
    // The watchdog ends the exchange at the deadline; the socket timeouts only back it up.
    client->set_read_timeout(remaining + std::chrono::seconds(1));
    client->set_write_timeout(remaining + std::chrono::seconds(1));

    httplib::Request req;
    req.method = request.method;
    req.path = request.path;
    req.headers = request.headers;
    req.body = request.body;
    if (request.method == "POST") req.set_header("Content-Type", "application/json");
    bool too_large = false;
    req.content_receiver = [&](const char* data, std::size_t n, std::uint64_t, std::uint64_t) {
        if (out.body.size() + n > max_answer_bytes_) {
            too_large = true;
            return false;
        }
        out.body.append(data, n);
        return true;
    };

    std::atomic<bool> expired{false};
    httplib::Client* raw = client.get();
    const auto ticket = watchdog_.arm(deadline, [raw, &expired] {
        expired = true;
        raw->stop();
    });
    auto result = client->send(req);
    watchdog_.disarm(ticket);

    if (result) {
        out.transport = Transport::Ok;
        out.status = result->status;
        out.retry_after_seconds = parse_retry_after(result->get_header_value("Retry-After"));
        out.rate_limit_reset_seconds = parse_rate_limit(result->get_header_value("RateLimit"));
        if (!expired && out.status < 300) give_back(std::move(client));
        return out;
    }
    out.body.clear();
    if (too_large) {
        out.transport = Transport::TooLarge;
    } else if (expired || result.error() == httplib::Error::ConnectionTimeout) {
        out.transport = Transport::Timeout;
    } else if (result.error() == httplib::Error::Read || result.error() == httplib::Error::Write) {
        out.transport = Transport::Reset;
    } else {
        out.transport = Transport::ConnectFailed;
    }
    return out;
}

}  // namespace bank::proxy
