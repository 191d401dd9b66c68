#include "proxy/sessions.h"

#include <sodium.h>

#include <utility>

namespace bank::proxy {

std::string session_key(const std::string& token) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

SessionStore::SessionStore(SessionPolicy policy, Clock clock)
    : policy_(policy), clock_(std::move(clock)) {}

bool SessionStore::expired(const Session& s, Instant now) const {
    return now - s.last_seen >= policy_.idle || now - s.created >= policy_.lifetime;
}

void SessionStore::drop_expired(Instant now) {
    for (auto it = by_key_.begin(); it != by_key_.end();) {
        it = expired(it->second, now) ? by_key_.erase(it) : std::next(it);
    }
}

std::string SessionStore::start(const User& user) {
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    char token[sodium_base64_ENCODED_LEN(sizeof random, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(token, sizeof token, random, sizeof random,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);

    Session s;
    s.key = session_key(token);
    s.username = user.username;
    s.role = user.role;
    s.subject_id = user.subject_id;
    s.created = s.last_seen = clock_();

    std::lock_guard<std::mutex> lock(mutex_);
    if (by_key_.size() >= policy_.max_sessions) drop_expired(s.created);
    if (by_key_.size() >= policy_.max_sessions) {
        // Still full of live sessions: the oldest sign-in gives way rather than refusing everyone.
        auto oldest = by_key_.begin();
        for (auto it = by_key_.begin(); it != by_key_.end(); ++it) {
            if (it->second.created < oldest->second.created) oldest = it;
        }
        by_key_.erase(oldest);
    }
    by_key_[s.key] = s;
    return token;
}

std::optional<Session> SessionStore::find(const std::string& token) {
    if (token.empty()) return std::nullopt;
    const std::string key = session_key(token);
    const Instant now = clock_();
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    if (expired(it->second, now)) {
        by_key_.erase(it);
        return std::nullopt;
    }
    it->second.last_seen = now;
    return it->second;
}

void SessionStore::end(const std::string& token) {
    const std::string key = session_key(token);
    std::lock_guard<std::mutex> lock(mutex_);
    by_key_.erase(key);
}

}  // namespace bank::proxy
