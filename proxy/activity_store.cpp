#include "proxy/activity_store.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "shared/data/csv_writer.h"

namespace bank::proxy {

namespace {

const char* const kEventNames[] = {"interested", "not_for_me", "offered", "accepted"};

const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS feedback (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  customer_id INTEGER NOT NULL,
  product_id  TEXT NOT NULL,
  event       TEXT NOT NULL CHECK (event IN ('interested', 'not_for_me', 'offered', 'accepted')),
  actor       TEXT NOT NULL,
  actor_role  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_by_customer ON feedback (customer_id, id);
CREATE TABLE IF NOT EXISTS audit (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  actor_role  TEXT NOT NULL,
  action      TEXT NOT NULL,
  customer_id INTEGER,
  detail      TEXT NOT NULL DEFAULT ''
);
PRAGMA user_version = 1;
)sql";

// A prepared statement that finalizes itself.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    bool ok() const { return stmt_ != nullptr; }
    sqlite3_stmt* get() { return stmt_; }
    void bind(int i, const std::string& s) { sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT); }
    void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
    void bind_null(int i) { sqlite3_bind_null(stmt_, i); }
    std::string text(int col) {
        const auto* p = sqlite3_column_text(stmt_, col);
        return p ? reinterpret_cast<const char*>(p) : "";
    }

private:
    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

const char* to_string(FeedbackEvent e) { return kEventNames[static_cast<int>(e)]; }

std::optional<FeedbackEvent> parse_feedback_event(const std::string& text) {
    for (int i = 0; i < 4; ++i) {
        if (text == kEventNames[i]) return static_cast<FeedbackEvent>(i);
    }
    return std::nullopt;
}

std::string utc_now_iso8601() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms.count()));
    return buf;
}

std::variant<std::unique_ptr<ActivityStore>, std::string> ActivityStore::open(const std::string& path) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                                          SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return "cannot open the store " + path + ": " + why;
    }
    std::unique_ptr<ActivityStore> store(new ActivityStore(db));
    sqlite3_busy_timeout(db, 5000);
    // WAL: readers never block the writer; FULL: the WAL is synced at every commit, so a commit
    // that returned is on disk.
    if (!store->exec("PRAGMA journal_mode = WAL;") || !store->exec("PRAGMA synchronous = FULL;") ||
        !store->exec(kSchema)) {
        return "cannot prepare the store " + path + ": " + sqlite3_errmsg(db);
    }
    return store;
}

ActivityStore::ActivityStore(sqlite3* db) : db_(db) {}

ActivityStore::~ActivityStore() { sqlite3_close(db_); }

bool ActivityStore::exec(const char* sql) {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

bool ActivityStore::commit(std::function<bool()> write) {
    PendingWrite mine{std::move(write)};
    std::unique_lock<std::mutex> lock(queue_mutex_);
    queue_.push_back(&mine);
    while (!mine.done) {
        if (batch_in_progress_) {
            written_.wait(lock);
            continue;
        }
        // Lead the next batch: everything queued so far, this write included.
        batch_in_progress_ = true;
        std::vector<PendingWrite*> batch;
        batch.swap(queue_);
        lock.unlock();
        write_batch(batch);
        lock.lock();
        for (PendingWrite* p : batch) p->done = true;
        batch_in_progress_ = false;
        written_.notify_all();
    }
    return mine.ok;
}

void ActivityStore::write_batch(const std::vector<PendingWrite*>& batch) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!exec("BEGIN IMMEDIATE")) return;
    for (PendingWrite* p : batch) {
        // A savepoint per write: one failing write does not take the others down with it.
        exec("SAVEPOINT one_write");
        p->ok = p->write();
        if (!p->ok) exec("ROLLBACK TO one_write");
        exec("RELEASE one_write");
    }
    if (!exec("COMMIT")) {
        exec("ROLLBACK");
        for (PendingWrite* p : batch) p->ok = false;
    }
}

std::optional<FeedbackRecord> ActivityStore::add_feedback(FeedbackRecord r) {
    r.at = utc_now_iso8601();
    const bool ok = commit([this, &r] {
        Statement s(db_,
                    "INSERT INTO feedback (at, customer_id, product_id, event, actor, actor_role) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
        if (!s.ok()) return false;
        s.bind(1, r.at);
        s.bind(2, r.customer_id);
        s.bind(3, r.product_id);
        s.bind(4, std::string(to_string(r.event)));
        s.bind(5, r.actor);
        s.bind(6, r.actor_role);
        if (sqlite3_step(s.get()) != SQLITE_DONE) return false;
        r.id = sqlite3_last_insert_rowid(db_);
        return true;
    });
    if (!ok) return std::nullopt;
    return r;
}

std::vector<FeedbackRecord> ActivityStore::feedback_for(const std::vector<std::int64_t>& customer_ids,
                                                        std::size_t limit) {
    std::vector<FeedbackRecord> out;
    if (customer_ids.empty()) return out;
    std::string sql =
        "SELECT id, at, customer_id, product_id, event, actor_role FROM feedback WHERE customer_id IN (";
    for (std::size_t i = 0; i < customer_ids.size(); ++i) sql += i ? ",?" : "?";
    sql += ") ORDER BY id DESC LIMIT ?";
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s(db_, sql.c_str());
    if (!s.ok()) return out;
    int i = 1;
    for (std::int64_t id : customer_ids) s.bind(i++, id);
    s.bind(i, static_cast<std::int64_t>(limit));
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
        FeedbackRecord r;
        r.id = sqlite3_column_int64(s.get(), 0);
        r.at = s.text(1);
        r.customer_id = sqlite3_column_int64(s.get(), 2);
        r.product_id = s.text(3);
        r.event = parse_feedback_event(s.text(4)).value_or(FeedbackEvent::Interested);
        r.actor_role = s.text(5);
        out.push_back(std::move(r));
    }
    return out;
}

bool ActivityStore::audit(const std::vector<AuditRecord>& records) {
    const std::string at = utc_now_iso8601();
    return commit([this, &records, &at] {
        Statement s(db_,
                    "INSERT INTO audit (at, actor, actor_role, action, customer_id, detail) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
        if (!s.ok()) return false;
        for (const AuditRecord& r : records) {
            sqlite3_reset(s.get());
            s.bind(1, at);
            s.bind(2, r.actor);
            s.bind(3, r.actor_role);
            s.bind(4, r.action);
            if (r.customer_id) s.bind(5, *r.customer_id); else s.bind_null(5);
            s.bind(6, r.detail);
            if (sqlite3_step(s.get()) != SQLITE_DONE) return false;
        }
        return true;
    });
}

std::vector<AuditRecord> ActivityStore::audit_trail(std::size_t limit) {
    std::vector<AuditRecord> out;
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s(db_,
                "SELECT id, at, actor, actor_role, action, customer_id, detail FROM audit "
                "ORDER BY id LIMIT ?");
    if (!s.ok()) return out;
    s.bind(1, static_cast<std::int64_t>(limit));
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
        AuditRecord r;
        r.id = sqlite3_column_int64(s.get(), 0);
        r.at = s.text(1);
        r.actor = s.text(2);
        r.actor_role = s.text(3);
        r.action = s.text(4);
        if (sqlite3_column_type(s.get(), 5) != SQLITE_NULL) r.customer_id = sqlite3_column_int64(s.get(), 5);
        r.detail = s.text(6);
        out.push_back(std::move(r));
    }
    return out;
}

bool ActivityStore::export_audit_csv(std::ostream& out) {
    out << csv_row({"ID", "At", "Actor", "Actor Role", "Action", "Customer ID", "Detail"});
    for (const AuditRecord& r : audit_trail(SIZE_MAX >> 1)) {
        out << csv_row({std::to_string(r.id), csv_text(r.at), csv_text(r.actor), csv_text(r.actor_role),
                        csv_text(r.action), r.customer_id ? std::to_string(*r.customer_id) : "",
                        csv_text(r.detail)});
    }
    return static_cast<bool>(out);
}

bool ActivityStore::healthy() {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s(db_, "SELECT 1");
    return s.ok() && sqlite3_step(s.get()) == SQLITE_ROW;
}

}  // namespace bank::proxy
