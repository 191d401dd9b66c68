// Password hashing and checking with libsodium's argon2id (`crypto_pwhash_str`). The checker does
// the same work whether or not the user exists, so response time does not reveal usernames, and
// bounds how many checks run at once because each one takes tens of megabytes.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace bank::proxy {

// Initializes libsodium; call before anything else in this file. Returns false if it cannot.
bool init_crypto();

// An argon2id hash string with libsodium's "interactive" cost, or nullopt if out of memory.
std::optional<std::string> hash_password(std::string_view password);

enum class PasswordCheck { Match, NoMatch, Busy };

class PasswordChecker {
public:
    // `typical_hash` is one real user's hash: the decoy used for unknown users gets its cost.
    // At most `max_parallel_checks` run at once and at most `max_waiting` wait for a turn; beyond
    // that a check is refused (Busy) so a flood of sign-ins cannot tie up every server thread.
    PasswordChecker(const std::string& typical_hash, int max_parallel_checks, int max_waiting);

    // Match when `password` matches `hash`. With no hash (unknown user) the decoy is checked and
    // the answer is NoMatch, after the same amount of work.
    PasswordCheck check(const std::string* hash, std::string_view password);

private:
    std::string decoy_hash_;
    std::mutex mutex_;
    std::condition_variable slot_free_;
    int free_slots_;
    int max_waiting_;
    int waiting_ = 0;
};

}  // namespace bank::proxy
