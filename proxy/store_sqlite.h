// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a commit that returned
// is on disk and survives kill -9 or a power cut. Writes that arrive together are committed
// together (group commit): one disk sync serves every waiting request, so durability does not cap
// throughput at one sync per request. For one proxy on one machine (`make run`); replicas on
// several machines share a PostgreSQL store instead (store_postgres.h).
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "proxy/activity_store.h"

namespace bank::proxy {

class SqliteStore : public ActivityStore {
public:
    // Opens or creates the file and migrates its schema; an error message if it cannot be used.
    static std::variant<std::unique_ptr<ActivityStore>, std::string> open(const std::string& path);
    ~SqliteStore() override;

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
    struct PendingWrite {
        std::function<bool()> write;  // runs inside the batch's transaction
        bool done = false;
        bool ok = false;
    };

    explicit SqliteStore(sqlite3* db);
    bool exec(const char* sql);
    std::string migrate();
    // Runs `write` in the next group commit; true once it is committed.
    bool commit(std::function<bool()> write);
    void write_batch(const std::vector<PendingWrite*>& batch);

    sqlite3* db_;
    std::mutex mutex_;  // the connection
    std::mutex queue_mutex_;
    std::condition_variable written_;
    std::vector<PendingWrite*> queue_;
    bool batch_in_progress_ = false;
};

}  // namespace bank::proxy
