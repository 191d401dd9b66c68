#include "proxy/sessions.h"

#include <sodium.h>

#include <utility>

#include "proxy/store_clock.h"
#include "shared/data/vocabulary.h"

namespace bank::proxy {

namespace {

// A session's last use is written at most this often: a busy page does not write on every
// request, and the idle limit is kept to within this much.
constexpr std::chrono::seconds kTouchEvery{1};

bool expired(const SessionRecord& s, UnixMillis now, const SessionPolicy& policy) {
    return now - s.last_seen >= millis(policy.idle) || now - s.created >= millis(policy.lifetime);
}

}  // namespace

std::string session_key(const std::string& token) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

SessionStore::SessionStore(SessionPolicy policy, Clock clock, ActivityStore& store)
    : policy_(policy), clock_(std::move(clock)), store_(store) {}

std::string SessionStore::start(const User& user) {
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    char token[sodium_base64_ENCODED_LEN(sizeof random, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(token, sizeof token, random, sizeof random,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);

    const UnixMillis now = unix_millis(clock_());
    // Still full of live sessions after the expired ones go: the oldest sign-ins give way rather
    // than everyone being refused.
    const std::size_t others = policy_.max_sessions > 0 ? policy_.max_sessions - 1 : 0;
    if (!store_.end_expired_sessions(now - millis(policy_.idle), now - millis(policy_.lifetime), others) ||
        !store_.add_session({session_key(token), user.username, to_string(user.role), user.subject_id, now, now})) {
        throw StoreUnavailable();
    }
    return token;
}

std::optional<Session> SessionStore::find(const std::string& token) {
    if (token.empty()) return std::nullopt;
    const std::string key = session_key(token);
    const auto stored = store_.session(key);
    if (!stored) throw StoreUnavailable();
    if (!*stored) return std::nullopt;
    const SessionRecord& s = **stored;
    const UnixMillis now = unix_millis(clock_());
    const auto role = parse_role(s.role);
    if (expired(s, now, policy_) || !role) {
        store_.end_session(key);  // tidying only: an expired session is refused either way
        return std::nullopt;
    }
    // A failed refresh is not worth refusing the request for; the session may end a little early.
    if (now - s.last_seen >= millis(kTouchEvery)) store_.touch_session(key, now);
    return Session{key, s.username, *role, s.subject_id};
}

void SessionStore::end(const std::string& token) {
    if (!store_.end_session(session_key(token))) throw StoreUnavailable();
}

}  // namespace bank::proxy
