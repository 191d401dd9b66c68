#include "proxy/upstream_service.h"

#include <sodium.h>

#include <algorithm>
#include <thread>
#include <utility>

namespace bank::proxy {

namespace {

enum class Next { Done, Retry, Stop };

struct Classified {
    Next next;
    std::string failure;
    bool breaker_failure;
};

Classified classify(const UpstreamResponse& r) {
    switch (r.transport) {
        case Transport::Ok: break;
        case Transport::Timeout: return {Next::Retry, "timeout", true};
        case Transport::ConnectFailed: return {Next::Retry, "unreachable", true};
        case Transport::Reset: return {Next::Retry, "connection_reset", true};
        case Transport::TooLarge: return {Next::Stop, "answer_too_large", true};
    }
    if (r.status >= 200 && r.status < 300) return {Next::Done, "", false};
    if (r.status >= 300 && r.status < 400) return {Next::Stop, "redirect", true};
    if (r.status == 429) return {Next::Retry, "rate_limited", true};
    if (r.status == 408 || r.status == 500 || r.status == 502 || r.status == 503 || r.status == 504)
        return {Next::Retry, "upstream_error", true};
    if (r.status == 401 || r.status == 403) return {Next::Stop, "unauthorized", true};
    if (r.status >= 500) return {Next::Stop, "upstream_error", true};
    return {Next::Stop, "rejected", false};
}

std::chrono::milliseconds from_seconds(double s) {
    if (s < 0) s = 0;
    if (s > 3600) s = 3600;
    return std::chrono::milliseconds(static_cast<long long>(s * 1000));
}

}  // namespace

Sleeper real_sleeper() {
    return [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

UpstreamService::UpstreamService(std::string name, UpstreamHttp http, RetryPolicy policy, BreakerPolicy breaker,
                                 Clock clock, Sleeper sleep, Metrics& metrics, DelayHint delay_hint)
    : name_(std::move(name)),
      http_(std::move(http)),
      policy_(policy),
      breaker_(breaker, std::move(clock)),
      sleep_(std::move(sleep)),
      metrics_(metrics),
      delay_hint_(std::move(delay_hint)) {
    metrics_.breaker_state(name_, 0);
}

// Full jitter: a random wait between half and all of first_backoff * 2^(attempt-1), capped.
std::chrono::milliseconds UpstreamService::backoff(int attempt) const {
    const long long ceiling = std::min<long long>(policy_.max_backoff.count(),
                                                  policy_.first_backoff.count() << std::min(attempt - 1, 20));
    const long long half = ceiling / 2;
    const long long spread = ceiling - half;
    return std::chrono::milliseconds(half + (spread > 0 ? randombytes_uniform(static_cast<std::uint32_t>(spread + 1)) : 0));
}

HttpOutcome UpstreamService::call(const UpstreamRequest& request) {
    const auto deadline = std::chrono::steady_clock::now() + policy_.deadline;
    HttpOutcome outcome;
    for (int attempt = 1; attempt <= policy_.max_attempts; ++attempt) {
        if (!breaker_.allow()) {
            outcome.failure = outcome.failure.empty() ? "circuit_open" : outcome.failure;
            break;
        }
        const auto started = std::chrono::steady_clock::now();
        UpstreamResponse response = http_.send(request, deadline);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const Classified c = classify(response);
        metrics_.upstream_call(name_, c.next == Next::Done ? "ok" : c.failure, seconds);

        if (c.next == Next::Done) {
            breaker_.record_success();
            metrics_.breaker_state(name_, static_cast<int>(breaker_.state()));
            outcome.ok = true;
            outcome.failure.clear();
            outcome.response = std::move(response);
            return outcome;
        }
        std::optional<double> stated = response.retry_after_seconds;
        if (!stated && delay_hint_ && response.transport == Transport::Ok) stated = delay_hint_(response.body);
        const auto upstream_delay = stated ? from_seconds(*stated) : std::chrono::milliseconds(0);
        if (c.breaker_failure) breaker_.record_failure(upstream_delay);
        metrics_.breaker_state(name_, static_cast<int>(breaker_.state()));
        outcome.failure = c.failure;
        if (c.next == Next::Stop || attempt == policy_.max_attempts) break;

        const auto wait = std::max(upstream_delay, backoff(attempt));
        if (std::chrono::steady_clock::now() + wait >= deadline) break;  // would miss the deadline
        sleep_(wait);
    }
    return outcome;
}

}  // namespace bank::proxy
