// Signed-in sessions. The browser holds a random 256-bit token in an HttpOnly cookie; the proxy
// keeps only a hash of it, so a memory dump or a log line cannot be replayed as a cookie.
// A session ends at logout, after `idle` without requests, or `lifetime` after sign-in.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "proxy/clock.h"
#include "shared/data/model.h"

namespace bank::proxy {

struct SessionPolicy {
    std::chrono::seconds idle{30 * 60};
    std::chrono::seconds lifetime{8 * 60 * 60};
    std::size_t max_sessions = 100000;
};

struct Session {
    std::string key;          // hash of the token: safe to use as a rate-limit or cache key
    std::string username;
    Role role = Role::Customer;
    std::string subject_id;   // customer id or banker id
    Instant created;
    Instant last_seen;
};

class SessionStore {
public:
    SessionStore(SessionPolicy policy, Clock clock);

    // Starts a session for `user`; returns the token for the cookie.
    std::string start(const User& user);
    // The live session for a cookie token, refreshed; nullopt when unknown or expired.
    std::optional<Session> find(const std::string& token);
    void end(const std::string& token);
    const SessionPolicy& policy() const { return policy_; }

private:
    bool expired(const Session& s, Instant now) const;
    void drop_expired(Instant now);

    SessionPolicy policy_;
    Clock clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, Session> by_key_;
};

// The stored key for a token (hex of its BLAKE2b hash).
std::string session_key(const std::string& token);

}  // namespace bank::proxy
