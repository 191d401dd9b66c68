#include "proxy/login_throttle.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace bank::proxy {

namespace {
constexpr std::size_t kTidyAbove = 10000;  // records kept before quiet ones are dropped

std::string normalized(const std::string& username) {
    std::string out = username.substr(0, 128);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}
}  // namespace

LoginThrottle::LoginThrottle(LoginPolicy policy, Clock clock)
    : policy_(policy), clock_(std::move(clock)) {}

std::chrono::seconds LoginThrottle::remaining_lock(const Failures& f, int free, Instant now) const {
    if (f.count < free) return std::chrono::seconds(0);
    const int doublings = std::min(f.count - free, 30);
    auto lock = policy_.first_lock * (1LL << doublings);
    if (lock > policy_.max_lock) lock = policy_.max_lock;
    const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - f.last);
    if (elapsed >= lock) return std::chrono::seconds(0);
    return lock - elapsed;
}

std::chrono::seconds LoginThrottle::wait_before_attempt(const std::string& username,
                                                        const std::string& address) {
    const Instant now = clock_();
    std::lock_guard<std::mutex> lock(mutex_);
    std::chrono::seconds wait(0);
    if (auto it = by_username_.find(normalized(username)); it != by_username_.end()) {
        wait = std::max(wait, remaining_lock(it->second, policy_.free_failures, now));
    }
    if (auto it = by_address_.find(address); it != by_address_.end()) {
        wait = std::max(wait, remaining_lock(it->second, policy_.free_failures_per_address, now));
    }
    return wait;
}

void LoginThrottle::record_failure(const std::string& username, const std::string& address) {
    const Instant now = clock_();
    std::lock_guard<std::mutex> lock(mutex_);
    if (by_username_.size() + by_address_.size() > kTidyAbove) forget_quiet_records(now);
    for (Failures* f : {&by_username_[normalized(username)], &by_address_[address]}) {
        ++f->count;
        f->last = now;
    }
}

void LoginThrottle::record_success(const std::string& username) {
    std::lock_guard<std::mutex> lock(mutex_);
    by_username_.erase(normalized(username));
}

void LoginThrottle::forget_quiet_records(Instant now) {
    for (auto* table : {&by_username_, &by_address_}) {
        for (auto it = table->begin(); it != table->end();) {
            it = now - it->second.last > policy_.forget_after ? table->erase(it) : std::next(it);
        }
    }
}

}  // namespace bank::proxy
