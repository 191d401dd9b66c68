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
    if (r.status == 402) return {Next::Stop, "payment_required", true};
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

void UpstreamService::on_payment_required(std::chrono::milliseconds pause, OperatorLog log) {
    payment_pause_ = pause;
    operator_log_ = std::move(log);
}

namespace {

std::string hours_and_minutes(std::chrono::milliseconds d) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(d).count();
    if (minutes < 60) return std::to_string(minutes) + " minutes";
    return std::to_string(minutes / 60) + " h" + (minutes % 60 ? " " + std::to_string(minutes % 60) + " min" : "");
}

// The upstream's stated delay: the longer of Retry-After and RateLimit, else its error body's hint.
std::optional<double> stated_delay(const UpstreamResponse& response, const UpstreamService::DelayHint& hint) {
    std::optional<double> stated = response.retry_after_seconds;
    if (response.rate_limit_reset_seconds && (!stated || *response.rate_limit_reset_seconds > *stated))
        stated = response.rate_limit_reset_seconds;
    if (!stated && hint && response.transport == Transport::Ok) stated = hint(response.body);
    return stated;
}

}  // namespace

void UpstreamService::pause_for_payment() {
    const auto pause = payment_pause_;
    breaker_.open_now(pause);
    metrics_.payment_required(name_);
    if (operator_log_) {
        operator_log_(name_ + " answered 402 Payment Required: the account's credits are used up. Calls to " + name_ +
                      " are paused for " + hours_and_minutes(pause) +
                      " and users get the offline answer meanwhile. Add credits or a paid plan to the account whose "
                      "key the proxy uses, then restart the proxy to resume at once (--payment-required-pause sets "
                      "the pause).");
    }
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
        const std::optional<double> stated = stated_delay(response, delay_hint_);
        const auto upstream_delay = stated ? from_seconds(*stated) : std::chrono::milliseconds(0);
        if (c.failure == "payment_required") {
            pause_for_payment();
        } else if (c.breaker_failure) {
            breaker_.record_failure(upstream_delay);
        }
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
