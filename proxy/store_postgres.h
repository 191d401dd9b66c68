// The store on a PostgreSQL server (`--store postgresql://user@host:port/db`), shared by every
// proxy replica: feedback, audit, sessions, sign-in failures and quotas are the same whichever
// replica answers. A write is acknowledged only after PostgreSQL committed it (synchronous
// commit, the server's default), so it survives kill -9 of the proxy or of the database. While the
// server is down every call fails at once (the caller answers 503) and the pool reconnects when it
// is back; one that accepts connections and then does not answer fails a call once its timeout is
// up. The password is best given in PGPASSWORD or a .pgpass file rather than in the URL (command
// lines are visible to every local user); errors and logs show the URL redacted.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "proxy/activity_store.h"
#include "proxy/store_pg_pool.h"

namespace bank::proxy {

class PostgresStore : public ActivityStore {
public:
    // Connects, checks the database accepts writes, and migrates its schema; an error message
    // (unreachable, sign-in refused, read-only, schema newer than this proxy) if it cannot be used.
    // Each later call (all its statements, and waiting for a connection) ends within `timeout`.
    static std::variant<std::unique_ptr<ActivityStore>, std::string> open(const std::string& url,
                                                                          std::chrono::seconds timeout);

    std::optional<FeedbackRecord> add_feedback(FeedbackRecord record) override;
    StoreAnswer<std::vector<FeedbackRecord>> feedback_for(const std::vector<std::int64_t>& customer_ids,
                                                          std::size_t limit) override;
    bool audit(const std::vector<AuditRecord>& records) override;
    StoreAnswer<std::vector<AuditRecord>> audit_trail(std::size_t limit) override;
    bool healthy() override;

    bool add_session(const SessionRecord& session) override;
    StoreAnswer<std::optional<SessionRecord>> session(const std::string& key) override;
    bool touch_session(const std::string& key, UnixMillis last_seen) override;
    bool end_session(const std::string& key) override;
    bool end_expired_sessions(UnixMillis idle_before, UnixMillis created_before, std::size_t keep_at_most) override;

    StoreAnswer<std::vector<FailureCount>> failure_counts(const std::vector<std::string>& keys) override;
    bool add_failure(const std::vector<std::string>& keys, UnixMillis at) override;
    bool clear_failures(const std::string& key) override;
    bool forget_failures_before(UnixMillis last_before) override;

    StoreAnswer<TokenBucket> change_bucket(const std::string& key, const BucketChange& change) override;

private:
    PostgresStore(const std::string& url, std::chrono::seconds timeout);
    // When a call starting now must have its answer.
    PgDeadline deadline() const;
    // One statement on a pooled connection. One that may run twice (a read, or a change that comes
    // to the same when repeated) is tried once more on a fresh connection if the first had broken;
    // an insert is not: it may have been committed before the connection broke.
    PgResult run(const char* sql, const PgParams& params, bool may_repeat);
    // `work(connection, deadline)` inside BEGIN ... COMMIT on one connection; false if any step failed.
    template <class Work> bool transaction(Work work);

    PgPool pool_;
    const std::chrono::seconds timeout_;
};

}  // namespace bank::proxy
