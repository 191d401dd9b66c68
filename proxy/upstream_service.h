// One AI upstream as the providers see it: its HTTP endpoint, a retry policy with jittered
// exponential backoff that honours the upstream's own delay (Retry-After and RateLimit headers,
// Google's RetryInfo, Hugging Face's estimated_time), an overall deadline, a circuit breaker, and
// metrics. The caller gets a 2xx answer or one failure code, never an exception or a hang. A 402
// (the account is out of credit) pauses the upstream for a long time at once and tells the operator.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "proxy/circuit_breaker.h"
#include "proxy/metrics.h"
#include "proxy/upstream_http.h"

namespace bank::proxy {

struct RetryPolicy {
    int max_attempts = 3;
    std::chrono::milliseconds first_backoff{250};
    std::chrono::milliseconds max_backoff{4000};
    std::chrono::milliseconds deadline{15000};  // for all attempts together
};

using Sleeper = std::function<void(std::chrono::milliseconds)>;
Sleeper real_sleeper();

struct HttpOutcome {
    bool ok = false;
    UpstreamResponse response;  // the 2xx answer when ok
    // When not ok: "circuit_open", "timeout", "unreachable", "connection_reset", "answer_too_large",
    // "redirect", "rate_limited", "upstream_error", "unauthorized", "payment_required", "rejected".
    std::string failure;
};

class UpstreamService {
public:
    // `delay_hint` reads an upstream-specific retry delay (seconds) out of an error body.
    using DelayHint = std::function<std::optional<double>(const std::string& body)>;

    UpstreamService(std::string name, UpstreamHttp http, RetryPolicy policy, BreakerPolicy breaker, Clock clock,
                    Sleeper sleep, Metrics& metrics, DelayHint delay_hint);

    using OperatorLog = std::function<void(const std::string& message)>;
    // What a 402 does: the upstream is paused for `pause` and `log` gets one line saying why and
    // what to do. Without this call, 402 pauses for the breaker's open_for and logs nothing.
    void on_payment_required(std::chrono::milliseconds pause, OperatorLog log);

    HttpOutcome call(const UpstreamRequest& request);
    const std::string& name() const { return name_; }
    BreakerState breaker_state() { return breaker_.state(); }

private:
    std::chrono::milliseconds backoff(int attempt) const;
    void pause_for_payment();

    std::string name_;
    UpstreamHttp http_;
    RetryPolicy policy_;
    CircuitBreaker breaker_;
    Sleeper sleep_;
    Metrics& metrics_;
    DelayHint delay_hint_;
    std::chrono::milliseconds payment_pause_{0};
    OperatorLog operator_log_;
};

}  // namespace bank::proxy
