// The proxy's only durable state: feedback events (interested / not for me / offered / accepted)
// and the audit trail of who viewed or exported which customer's data. SQLite in WAL mode with
// synchronous=FULL: a call returns success only after the record is committed to disk, so an
// acknowledged record survives kill -9 or a power cut. Writes that arrive together are committed
// together (group commit): one disk sync serves every waiting request, so durability does not
// cap throughput at one sync per request.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

namespace bank::proxy {

enum class FeedbackEvent { Interested, NotForMe, Offered, Accepted };
const char* to_string(FeedbackEvent e);  // "interested", "not_for_me", "offered", "accepted"
std::optional<FeedbackEvent> parse_feedback_event(const std::string& text);

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
    std::string actor;
    std::string actor_role;
    std::string action;        // "view_profile", "view_book", "view_customer", "export", "explain"
    std::optional<std::int64_t> customer_id;
    std::string detail;
};

class ActivityStore {
public:
    // Opens or creates the store; an error message if the file cannot be used.
    static std::variant<std::unique_ptr<ActivityStore>, std::string> open(const std::string& path);
    ~ActivityStore();
    ActivityStore(const ActivityStore&) = delete;
    ActivityStore& operator=(const ActivityStore&) = delete;

    // The committed record (id and time filled in), or nullopt if it could not be written.
    std::optional<FeedbackRecord> add_feedback(FeedbackRecord record);
    // Newest first, at most `limit`, for the given customers only.
    std::vector<FeedbackRecord> feedback_for(const std::vector<std::int64_t>& customer_ids,
                                             std::size_t limit);
    // All records in one transaction; false if nothing was written.
    bool audit(const std::vector<AuditRecord>& records);
    std::vector<AuditRecord> audit_trail(std::size_t limit);
    // Every audit record, oldest first, as CSV (the compliance export).
    bool export_audit_csv(std::ostream& out);
    bool healthy();

private:
    struct PendingWrite {
        std::function<bool()> write;  // runs inside the batch's transaction
        bool done = false;
        bool ok = false;
    };

    explicit ActivityStore(sqlite3* db);
    bool exec(const char* sql);
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

std::string utc_now_iso8601();

}  // namespace bank::proxy
