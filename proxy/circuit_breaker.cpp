#include "proxy/circuit_breaker.h"

#include <algorithm>
#include <utility>

namespace bank::proxy {

const char* to_string(BreakerState s) {
    switch (s) {
        case BreakerState::Closed: return "closed";
        case BreakerState::Open: return "open";
        case BreakerState::HalfOpen: return "half_open";
    }
    return "closed";
}

CircuitBreaker::CircuitBreaker(BreakerPolicy policy, Clock clock) : policy_(policy), clock_(std::move(clock)) {}

bool CircuitBreaker::allow() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ == BreakerState::Open && clock_() >= open_until_) {
        state_ = BreakerState::HalfOpen;
        trial_in_flight_ = false;
    }
    if (state_ == BreakerState::Closed) return true;
    if (state_ == BreakerState::HalfOpen && !trial_in_flight_) {
        trial_in_flight_ = true;
        return true;
    }
    return false;
}

void CircuitBreaker::record_success() {
    std::lock_guard<std::mutex> lock(mutex_);
    state_ = BreakerState::Closed;
    failures_ = 0;
    trial_in_flight_ = false;
}

void CircuitBreaker::record_failure(std::chrono::milliseconds at_least) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++failures_;
    if (state_ == BreakerState::HalfOpen || failures_ >= policy_.failures_to_open) {
        state_ = BreakerState::Open;
        open_until_ = clock_() + std::max(policy_.open_for, at_least);
        trial_in_flight_ = false;
    }
}

void CircuitBreaker::open_now(std::chrono::milliseconds duration) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++failures_;
    state_ = BreakerState::Open;
    open_until_ = clock_() + std::max(policy_.open_for, duration);
    trial_in_flight_ = false;
}

BreakerState CircuitBreaker::state() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (state_ == BreakerState::Open && clock_() >= open_until_) return BreakerState::HalfOpen;
    return state_;
}

}  // namespace bank::proxy
