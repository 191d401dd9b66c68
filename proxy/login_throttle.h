// Slows down password guessing. Every failed sign-in counts against the username (known or not,
// so the answer does not reveal which usernames exist) and against the client address. After
// `free_failures` failures in a row, further attempts are refused without checking the password
// for a lock that doubles with each further failure, up to `max_lock`. A success clears the
// username's count. Counting per username stops slow distributed guessing; the price is that
// someone can keep an account locked, which the operator sees in the audit trail.
// The counts live in the shared store, so a lock earned on one replica holds on every other.
// Separately, each replica lets one account have only one password check under way at a time, so
// a flood of sign-ins to one account cannot take every check slot from other people.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "proxy/activity_store.h"
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
    // The account's turn at a password check on this replica; the turn ends with this object.
    class CheckTurn {
    public:
        CheckTurn(LoginThrottle* owner, std::string account) : owner_(owner), account_(std::move(account)) {}
        CheckTurn(CheckTurn&& other) noexcept : owner_(other.owner_), account_(std::move(other.account_)) {
            other.owner_ = nullptr;
        }
        CheckTurn& operator=(CheckTurn&&) = delete;
        ~CheckTurn();

    private:
        LoginThrottle* owner_;
        std::string account_;
    };

    LoginThrottle(LoginPolicy policy, Clock clock, ActivityStore& store);

    // Zero when an attempt may go ahead, else how long the caller must wait. Throws
    // StoreUnavailable.
    std::chrono::seconds wait_before_attempt(const std::string& username, const std::string& address);
    // nullopt while another check for the same account is under way on this replica.
    std::optional<CheckTurn> take_check_turn(const std::string& username);
    // Throw StoreUnavailable: a failure that was not counted must not look counted.
    void record_failure(const std::string& username, const std::string& address);
    void record_success(const std::string& username);

private:
    std::chrono::seconds remaining_lock(const FailureCount& f, int free, UnixMillis now) const;

    LoginPolicy policy_;
    Clock clock_;
    ActivityStore& store_;
    std::atomic<unsigned> failures_seen_{0};
    std::mutex checking_mutex_;
    std::set<std::string> checking_;  // accounts with a password check under way here
};

}  // namespace bank::proxy
