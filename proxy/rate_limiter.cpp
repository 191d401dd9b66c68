#include "proxy/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "proxy/store_clock.h"

namespace bank::proxy {

namespace {
constexpr std::size_t kTidyAbove = 50000;  // buckets kept here before full (idle) ones are dropped
}

RateLimiter::RateLimiter(RateLimit limit, Clock clock) : limit_(limit), clock_(std::move(clock)) {}

RateLimiter::RateLimiter(RateLimit limit, Clock clock, ActivityStore& shared, std::string scope)
    : limit_(limit), clock_(std::move(clock)), shared_(&shared), scope_(std::move(scope)) {}

std::chrono::seconds RateLimiter::take(const std::string& key) {
    if (limit_.per_minute <= 0) return std::chrono::seconds(0);
    const UnixMillis now = unix_millis(clock_());
    return shared_ ? take_shared(key, now) : take_here(key, now);
}

TokenBucket RateLimiter::refilled(const std::optional<TokenBucket>& bucket, UnixMillis now) const {
    TokenBucket b = bucket.value_or(TokenBucket{limit_.burst, now});
    // Another replica's clock may be a little ahead: never count negative time as elapsed.
    const double elapsed = static_cast<double>(std::max<UnixMillis>(0, now - b.updated)) / 1000.0;
    b.tokens = std::min(limit_.burst, b.tokens + elapsed * limit_.per_minute / 60.0);
    b.updated = std::max(b.updated, now);
    return b;
}

TokenBucket RateLimiter::take_token(const std::optional<TokenBucket>& bucket, UnixMillis now, bool& took) const {
    TokenBucket b = refilled(bucket, now);
    took = b.tokens >= 1;
    if (took) b.tokens -= 1;
    return b;
}

std::chrono::seconds RateLimiter::wait_for_token(const TokenBucket& b) const {
    return std::chrono::seconds(static_cast<long>(std::ceil((1 - b.tokens) / (limit_.per_minute / 60.0))));
}

std::chrono::seconds RateLimiter::take_here(const std::string& key, UnixMillis now) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (buckets_.size() > kTidyAbove) {
        for (auto it = buckets_.begin(); it != buckets_.end();) {
            it = refilled(it->second, now).tokens >= limit_.burst ? buckets_.erase(it) : std::next(it);
        }
    }
    const auto it = buckets_.find(key);
    const auto current = it == buckets_.end() ? std::nullopt : std::optional<TokenBucket>(it->second);
    bool took = false;
    const TokenBucket b = take_token(current, now, took);
    buckets_[key] = b;
    return took ? std::chrono::seconds(0) : wait_for_token(b);
}

std::chrono::seconds RateLimiter::take_shared(const std::string& key, UnixMillis now) {
    bool took = false;
    const auto b = shared_->change_bucket(scope_ + ":" + key, [&](const std::optional<TokenBucket>& bucket) {
        return take_token(bucket, now, took);
    });
    if (!b) throw StoreUnavailable();
    return took ? std::chrono::seconds(0) : wait_for_token(*b);
}

}  // namespace bank::proxy
