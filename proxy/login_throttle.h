// Slows down password guessing. Every failed sign-in counts against the username (known or not,
// so the answer does not reveal which usernames exist) and against the client address. After
// `free_failures` failures in a row, further attempts are refused without checking the password
// for a lock that doubles with each further failure, up to `max_lock`. A success clears the
// username's count. Counting per username stops slow distributed guessing; the price is that
// someone can keep an account locked, which the operator sees in the access log.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "proxy/clock.h"

namespace bank::proxy {

struct LoginPolicy {
    int free_failures = 5;                  // per username
    int free_failures_per_address = 20;
    std::chrono::seconds first_lock{1};
    std::chrono::seconds max_lock{15 * 60};
    std::chrono::seconds forget_after{24 * 60 * 60};  // a quiet record is dropped after this
};

class LoginThrottle {
public:
    LoginThrottle(LoginPolicy policy, Clock clock);

    // Zero when an attempt may go ahead, else how long the caller must wait.
    std::chrono::seconds wait_before_attempt(const std::string& username, const std::string& address);
    void record_failure(const std::string& username, const std::string& address);
    void record_success(const std::string& username);

private:
    struct Failures {
        int count = 0;
        Instant last;
    };
    std::chrono::seconds remaining_lock(const Failures& f, int free, Instant now) const;
    void forget_quiet_records(Instant now);

    LoginPolicy policy_;
    Clock clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, Failures> by_username_;
    std::unordered_map<std::string, Failures> by_address_;
};

}  // namespace bank::proxy
