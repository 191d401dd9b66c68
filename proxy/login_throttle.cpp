#include "proxy/login_throttle.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "proxy/store_clock.h"

namespace bank::proxy {

namespace {

constexpr unsigned kTidyEvery = 64;  // failures recorded between sweeps of quiet records

std::string normalized(const std::string& username) {
    std::string out = username.substr(0, 128);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string username_key(const std::string& username) { return "user:" + normalized(username); }
std::string address_key(const std::string& address) { return "address:" + address; }

}  // namespace

LoginThrottle::CheckTurn::~CheckTurn() {
    if (!owner_) return;
    std::lock_guard<std::mutex> lock(owner_->checking_mutex_);
    owner_->checking_.erase(account_);
}

LoginThrottle::LoginThrottle(LoginPolicy policy, Clock clock, ActivityStore& store)
    : policy_(policy), clock_(std::move(clock)), store_(store) {}

std::chrono::seconds LoginThrottle::remaining_lock(const FailureCount& f, int free, UnixMillis now) const {
    if (f.failures < free) return std::chrono::seconds(0);
    const int doublings = std::min(f.failures - free, 30);
    auto lock = policy_.first_lock * (1LL << doublings);
    if (lock > policy_.max_lock) lock = policy_.max_lock;
    // Another replica's clock may be a little ahead: never count negative time as elapsed.
    const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::milliseconds(std::max<UnixMillis>(0, now - f.last)));
    if (elapsed >= lock) return std::chrono::seconds(0);
    return lock - elapsed;
}

std::chrono::seconds LoginThrottle::wait_before_attempt(const std::string& username,
                                                        const std::string& address) {
    const UnixMillis now = unix_millis(clock_());
    const auto counts = store_.failure_counts({username_key(username), address_key(address)});
    if (!counts || counts->size() != 2) throw StoreUnavailable();
    return std::max(remaining_lock((*counts)[0], policy_.free_failures, now),
                    remaining_lock((*counts)[1], policy_.free_failures_per_address, now));
}

std::optional<LoginThrottle::CheckTurn> LoginThrottle::take_check_turn(const std::string& username) {
    const std::string account = normalized(username);
    std::lock_guard<std::mutex> lock(checking_mutex_);
    if (!checking_.insert(account).second) return std::nullopt;
    return CheckTurn(this, account);
}

void LoginThrottle::record_failure(const std::string& username, const std::string& address) {
    const UnixMillis now = unix_millis(clock_());
    if (!store_.add_failure({username_key(username), address_key(address)}, now)) throw StoreUnavailable();
    if (++failures_seen_ % kTidyEvery == 0) store_.forget_failures_before(now - millis(policy_.forget_after));
}

void LoginThrottle::record_success(const std::string& username) {
    if (!store_.clear_failures(username_key(username))) throw StoreUnavailable();
}

}  // namespace bank::proxy
