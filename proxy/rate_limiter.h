// Token buckets per key (a session, a client address): `per_minute` requests a minute on average,
// bursts of up to `burst`. A refused request learns how long to wait (for Retry-After).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "proxy/clock.h"

namespace bank::proxy {

struct RateLimit {
    double per_minute = 0;  // 0 = unlimited
    double burst = 0;
};

class RateLimiter {
public:
    RateLimiter(RateLimit limit, Clock clock);

    // Zero when the request may go ahead (and a token is taken), else the seconds to wait.
    std::chrono::seconds take(const std::string& key);

private:
    struct Bucket {
        double tokens;
        Instant updated;
    };
    RateLimit limit_;
    Clock clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace bank::proxy
