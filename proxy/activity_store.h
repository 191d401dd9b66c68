// The proxy's server state, in one store every replica shares: feedback events (interested / not
// for me / offered / accepted), the audit trail of who viewed, exported or was refused which
// customer's data, signed-in sessions, sign-in failure counts and per-user quota buckets.
// Two implementations behind this one interface (and one set of contract tests,
// tests/proxy/test_store_contract.cpp):
// - SQLite, the embedded default (`--store FILE`, store_sqlite.h): one proxy on one machine.
// - PostgreSQL (`--store postgresql://...`, store_postgres.h): several replicas share it, so a
//   session, a lockout or a quota is the same whichever replica answers.
// A feedback or audit write returns success only once it is committed durably, so an acknowledged
// record survives kill -9 of the proxy or of the database. The schema is created and migrated in
// order when the store opens; a store whose schema is newer than this proxy knows is refused.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "shared/api/feedback.h"

namespace bank::proxy {

// The events and their spelling are the feedback documents' (shared/api/feedback.h).
using api::FeedbackEvent;
using api::parse_feedback_event;
using api::to_string;

struct FeedbackRecord {
    std::int64_t id = 0;       // set by the store
    std::string at;            // UTC ISO 8601, set by the store
    std::int64_t customer_id = 0;
    std::string product_id;
    FeedbackEvent event = FeedbackEvent::Interested;
    std::string actor;         // username
    std::string actor_role;    // "customer" / "banker"
};

struct AuditRecord {
    std::int64_t id = 0;
    std::string at;
    std::string actor;         // username; for a sign-in, the username that was tried
    std::string actor_role;    // "customer" / "banker" / "anonymous"
    // "view_profile", "view_book", "view_customer", "export", "explain", "access_refused",
    // "sign_in_failed", "sign_in_refused"
    std::string action;
    std::optional<std::int64_t> customer_id;
    std::string detail;
};

// Milliseconds since the Unix epoch: the one timeline every replica shares (store_clock.h).
using UnixMillis = std::int64_t;

// A signed-in session as stored: `key` is the hash of the cookie's token, never the token.
struct SessionRecord {
    std::string key;
    std::string username;
    std::string role;          // "customer" / "banker"
    std::string subject_id;
    UnixMillis created = 0;
    UnixMillis last_seen = 0;
};

// Failed sign-ins counted against one key ("user:alice", "address:10.0.0.1").
struct FailureCount {
    int failures = 0;
    UnixMillis last = 0;
};

// A token bucket of a quota (rate_limiter.h keeps the arithmetic).
struct TokenBucket {
    double tokens = 0;
    UnixMillis updated = 0;
};

// What the store answered; nullopt when it could not answer (down, unreachable, locked too long).
template <class T> using StoreAnswer = std::optional<T>;

// Thrown by the policies built on the store (sessions, sign-in throttle, quotas) when it cannot
// answer: no handler can work around that, so the server answers 503 store_unavailable in one place.
class StoreUnavailable : public std::runtime_error {
public:
    StoreUnavailable() : std::runtime_error("the store cannot be reached") {}
};

// True when `error` is a StoreUnavailable.
bool is_store_unavailable(std::exception_ptr error);

// How long one call may wait for the PostgreSQL store's answer before it fails as if the server
// were down (--store-timeout).
inline constexpr std::chrono::seconds kDefaultStoreTimeout{5};

class ActivityStore {
public:
    // `location` starting postgresql:// (or postgres://) is a PostgreSQL connection URL; anything
    // else is an SQLite file, created if missing. The error names the location with any password
    // replaced by ***. `timeout` bounds every call to a PostgreSQL store (SQLite waits up to 5 s
    // for a lock held by another process).
    static std::variant<std::unique_ptr<ActivityStore>, std::string> open(
        const std::string& location, std::chrono::seconds timeout = kDefaultStoreTimeout);
    virtual ~ActivityStore() = default;

    // The committed record (id and time filled in), or nullopt if it could not be written.
    virtual std::optional<FeedbackRecord> add_feedback(FeedbackRecord record) = 0;
    // Newest first, at most `limit`, for the given customers only.
    virtual StoreAnswer<std::vector<FeedbackRecord>> feedback_for(const std::vector<std::int64_t>& customer_ids,
                                                                  std::size_t limit) = 0;
    // All records in one transaction; false if nothing was written.
    virtual bool audit(const std::vector<AuditRecord>& records) = 0;
    // Oldest first, at most `limit`.
    virtual StoreAnswer<std::vector<AuditRecord>> audit_trail(std::size_t limit) = 0;
    // Every audit record, oldest first, as CSV (the compliance export).
    bool export_audit_csv(std::ostream& out);
    virtual bool healthy() = 0;

    // Sessions; SessionStore (sessions.h) decides when one has expired.
    virtual bool add_session(const SessionRecord& session) = 0;
    virtual StoreAnswer<std::optional<SessionRecord>> session(const std::string& key) = 0;
    virtual bool touch_session(const std::string& key, UnixMillis last_seen) = 0;
    virtual bool end_session(const std::string& key) = 0;
    // Ends sessions last seen before `idle_before` or created before `created_before`; then, while
    // more than `keep_at_most` remain, the oldest sign-ins.
    virtual bool end_expired_sessions(UnixMillis idle_before, UnixMillis created_before,
                                      std::size_t keep_at_most) = 0;

    // Sign-in failures; LoginThrottle (login_throttle.h) turns counts into locks.
    virtual StoreAnswer<std::vector<FailureCount>> failure_counts(const std::vector<std::string>& keys) = 0;
    // One more failure for each key, all in one transaction.
    virtual bool add_failure(const std::vector<std::string>& keys, UnixMillis at) = 0;
    virtual bool clear_failures(const std::string& key) = 0;
    virtual bool forget_failures_before(UnixMillis last_before) = 0;

    // Reads the bucket under `key` (nullopt if it has never been used), stores what `change`
    // returns, and returns it; atomic, so replicas taking from one bucket at once never both get
    // the last token.
    using BucketChange = std::function<TokenBucket(const std::optional<TokenBucket>&)>;
    virtual StoreAnswer<TokenBucket> change_bucket(const std::string& key, const BucketChange& change) = 0;
};

std::string utc_now_iso8601();

}  // namespace bank::proxy
