// The proxy's policies run on a steady Clock (clock.h), which tests move by hand; the shared store
// needs times every replica agrees on. A steady instant maps to Unix time through one anchor taken
// when the process first asks, so a steady clock keeps its meaning (no jumps) and a test's manual
// clock moves stored times with it.
#pragma once

#include <chrono>

#include "proxy/activity_store.h"
#include "proxy/clock.h"

namespace bank::proxy {

inline UnixMillis unix_millis(Instant t) {
    static const auto steady_anchor = std::chrono::steady_clock::now();
    static const auto unix_anchor = std::chrono::system_clock::now();
    const auto since_epoch = unix_anchor.time_since_epoch() + (t - steady_anchor);
    return std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count();
}

inline UnixMillis millis(std::chrono::steady_clock::duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace bank::proxy
