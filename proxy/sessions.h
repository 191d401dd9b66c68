// Signed-in sessions, kept in the shared store so that a session started on one replica is known
// to every other. The browser holds a random 256-bit token in an HttpOnly cookie; the store keeps
// only a hash of it, so a database dump or a log line cannot be replayed as a cookie. A session
// ends at logout, after `idle` without requests, or `lifetime` after sign-in.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "proxy/activity_store.h"
#include "proxy/clock.h"
#include "shared/data/model.h"

namespace bank::proxy {

struct SessionPolicy {
    std::chrono::seconds idle{30 * 60};
    std::chrono::seconds lifetime{8 * 60 * 60};
    std::size_t max_sessions = 100000;
};

struct Session {
    std::string key;          // hash of the token: safe to use as a cache key
    std::string username;
    Role role = Role::Customer;
    std::string subject_id;   // customer id or banker id
};

class SessionStore {
public:
    SessionStore(SessionPolicy policy, Clock clock, ActivityStore& store);

    // Starts a session for `user`; returns the token for the cookie. Throws StoreUnavailable.
    std::string start(const User& user);
    // The live session for a cookie token, refreshed; nullopt when unknown or expired. Throws
    // StoreUnavailable when the store cannot say which.
    std::optional<Session> find(const std::string& token);
    // Throws StoreUnavailable: a logout that did not reach the store must not look done.
    void end(const std::string& token);
    const SessionPolicy& policy() const { return policy_; }

private:
    SessionPolicy policy_;
    Clock clock_;
    ActivityStore& store_;
};

// The stored key for a token (hex of its BLAKE2b hash).
std::string session_key(const std::string& token);

}  // namespace bank::proxy
