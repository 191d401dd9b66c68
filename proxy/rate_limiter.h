// Token buckets per key: `per_minute` requests a minute on average, bursts of up to `burst`. A
// refused request learns how long to wait (for Retry-After). The buckets live either in this
// process (a per-address guard, which each replica may keep for itself) or in the shared store
// under a scope name (a per-user quota, which must be one quota however many replicas there are).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "proxy/activity_store.h"
#include "proxy/clock.h"

namespace bank::proxy {

struct RateLimit {
    double per_minute = 0;  // 0 = unlimited
    double burst = 0;
};

class RateLimiter {
public:
    // Buckets in this process.
    RateLimiter(RateLimit limit, Clock clock);
    // Buckets in `shared`, under "<scope>:<key>".
    RateLimiter(RateLimit limit, Clock clock, ActivityStore& shared, std::string scope);

    // Zero when the request may go ahead (and a token is taken), else the seconds to wait.
    // With shared buckets, throws StoreUnavailable when the store cannot answer.
    std::chrono::seconds take(const std::string& key);

private:
    std::chrono::seconds take_here(const std::string& key, UnixMillis now);
    std::chrono::seconds take_shared(const std::string& key, UnixMillis now);
    // A bucket never used is full.
    TokenBucket refilled(const std::optional<TokenBucket>& bucket, UnixMillis now) const;
    // The bucket refilled up to `now`, one token taken if it holds one; `took` says which.
    TokenBucket take_token(const std::optional<TokenBucket>& bucket, UnixMillis now, bool& took) const;
    std::chrono::seconds wait_for_token(const TokenBucket& bucket) const;

    RateLimit limit_;
    Clock clock_;
    ActivityStore* shared_ = nullptr;
    std::string scope_;
    std::mutex mutex_;
    std::unordered_map<std::string, TokenBucket> buckets_;
};

}  // namespace bank::proxy
