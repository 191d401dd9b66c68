// Time as the proxy's policies see it. Lockouts, session expiry, rate limits and the circuit
// breaker take a Clock so tests can move time forward instead of sleeping.
#pragma once

#include <chrono>
#include <functional>

namespace bank::proxy {

using Instant = std::chrono::steady_clock::time_point;
using Clock = std::function<Instant()>;

inline Clock system_clock() {
    return [] { return std::chrono::steady_clock::now(); };
}

// A clock that only moves when told to; for tests.
class ManualClock {
public:
    Instant now() const { return now_; }
    void advance(std::chrono::steady_clock::duration d) { now_ += d; }
    Clock clock() { return [this] { return now_; }; }

private:
    Instant now_ = std::chrono::steady_clock::now();
};

}  // namespace bank::proxy
