// Stops calling an upstream that keeps failing, so users get the offline answer at once instead
// of waiting out timeouts. Closed: calls go through; `failures_to_open` failures in a row open it.
// Open: no calls until `open_for` has passed (or the upstream's own retry delay, if longer).
// Half-open: one trial call; success closes it, failure opens it again. open_now() skips the
// count for a failure that will not go away by itself (402 Payment Required).
#pragma once

#include <chrono>
#include <mutex>

#include "proxy/clock.h"

namespace bank::proxy {

struct BreakerPolicy {
    int failures_to_open = 5;
    std::chrono::milliseconds open_for{30000};
};

enum class BreakerState { Closed = 0, Open = 1, HalfOpen = 2 };
const char* to_string(BreakerState s);

class CircuitBreaker {
public:
    CircuitBreaker(BreakerPolicy policy, Clock clock);

    // True when a call may go out now (in half-open state, only the first caller gets true).
    bool allow();
    void record_success();
    // `at_least` keeps the breaker open for the upstream's stated retry delay when it is longer.
    void record_failure(std::chrono::milliseconds at_least = std::chrono::milliseconds(0));
    // Opens at once, for `duration` (or open_for, if longer): for failures that a retry soon
    // cannot cure, such as an account out of credit.
    void open_now(std::chrono::milliseconds duration);
    BreakerState state();

private:
    BreakerPolicy policy_;
    Clock clock_;
    std::mutex mutex_;
    BreakerState state_ = BreakerState::Closed;
    int failures_ = 0;
    Instant open_until_{};
    bool trial_in_flight_ = false;
};

}  // namespace bank::proxy
