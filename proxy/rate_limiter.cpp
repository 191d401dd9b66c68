#include "proxy/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace bank::proxy {

namespace {
constexpr std::size_t kTidyAbove = 50000;  // buckets kept before full (idle) ones are dropped
}

RateLimiter::RateLimiter(RateLimit limit, Clock clock) : limit_(limit), clock_(std::move(clock)) {}

std::chrono::seconds RateLimiter::take(const std::string& key) {
    if (limit_.per_minute <= 0) return std::chrono::seconds(0);
    const double per_second = limit_.per_minute / 60.0;
    const Instant now = clock_();
    std::lock_guard<std::mutex> lock(mutex_);
    if (buckets_.size() > kTidyAbove) {
        for (auto it = buckets_.begin(); it != buckets_.end();) {
            const double age = std::chrono::duration<double>(now - it->second.updated).count();
            it = it->second.tokens + age * per_second >= limit_.burst ? buckets_.erase(it) : std::next(it);
        }
    }
    auto [it, fresh] = buckets_.try_emplace(key, Bucket{limit_.burst, now});
    Bucket& b = it->second;
    if (!fresh) {
        const double elapsed = std::chrono::duration<double>(now - b.updated).count();
        b.tokens = std::min(limit_.burst, b.tokens + elapsed * per_second);
        b.updated = now;
    }
    if (b.tokens >= 1) {
        b.tokens -= 1;
        return std::chrono::seconds(0);
    }
    return std::chrono::seconds(static_cast<long>(std::ceil((1 - b.tokens) / per_second)));
}

}  // namespace bank::proxy
