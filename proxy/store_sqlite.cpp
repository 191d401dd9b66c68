#include "proxy/store_sqlite.h"

#include "proxy/store_schema.h"

namespace bank::proxy {

namespace {

// A prepared statement that finalizes itself.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    bool ok() const { return stmt_ != nullptr; }
    sqlite3_stmt* get() { return stmt_; }
    // Binding to a statement that failed to prepare does nothing; run() then reports the failure.
    void bind(int i, const std::string& s) {
        if (stmt_) sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, std::int64_t v) { if (stmt_) sqlite3_bind_int64(stmt_, i, v); }
    void bind(int i, double v) { if (stmt_) sqlite3_bind_double(stmt_, i, v); }
    void bind_null(int i) { if (stmt_) sqlite3_bind_null(stmt_, i); }
    // One step of a statement that returns no rows.
    bool run() { return stmt_ && sqlite3_step(stmt_) == SQLITE_DONE; }
    std::string text(int col) {
        const auto* p = sqlite3_column_text(stmt_, col);
        return p ? reinterpret_cast<const char*>(p) : "";
    }
    std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }

private:
    sqlite3_stmt* stmt_ = nullptr;
};

// Reads every row with `read`; nullopt unless the statement ran to its end.
template <class T, class Read>
StoreAnswer<std::vector<T>> rows(Statement& s, Read read) {
    if (!s.ok()) return std::nullopt;
    std::vector<T> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(read(s));
    if (rc != SQLITE_DONE) return std::nullopt;
    return out;
}

}  // namespace

std::variant<std::unique_ptr<ActivityStore>, std::string> SqliteStore::open(const std::string& path) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                                          SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return "cannot open the store " + path + ": " + why;
    }
    std::unique_ptr<SqliteStore> store(new SqliteStore(db));
    sqlite3_busy_timeout(db, 5000);
    // WAL: readers never block the writer; FULL: the WAL is synced at every commit, so a commit
    // that returned is on disk.
    if (!store->exec("PRAGMA journal_mode = WAL;") || !store->exec("PRAGMA synchronous = FULL;")) {
        return "cannot prepare the store " + path + ": " + sqlite3_errmsg(db);
    }
    if (std::string problem = store->migrate(); !problem.empty()) return "the store " + path + " " + problem;
    return std::unique_ptr<ActivityStore>(std::move(store));
}

SqliteStore::SqliteStore(sqlite3* db) : db_(db) {}

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

bool SqliteStore::exec(const char* sql) {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

// Runs before the store is shared, so it needs no locks; one transaction, so a failed migration
// leaves the file as it was.
std::string SqliteStore::migrate() {
    const std::string why_not = "cannot be prepared: ";
    if (!exec("BEGIN IMMEDIATE") ||
        !exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, "
              "description TEXT NOT NULL)")) {
        return why_not + sqlite3_errmsg(db_);
    }
    Statement current(db_, "SELECT coalesce(max(version), 0) FROM schema_version");
    if (!current.ok() || sqlite3_step(current.get()) != SQLITE_ROW) {
        const std::string problem = why_not + sqlite3_errmsg(db_);
        exec("ROLLBACK");
        return problem;
    }
    const std::int64_t version = current.integer(0);
    if (version > newest_schema_version()) {
        exec("ROLLBACK");
        return "has schema version " + std::to_string(version) + ", newer than this proxy knows (" +
               std::to_string(newest_schema_version()) + "): a newer bank-proxy migrated it; run that version";
    }
    for (const Migration& m : store_migrations()) {
        if (m.version <= version) continue;
        Statement record(db_, "INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)");
        record.bind(1, static_cast<std::int64_t>(m.version));
        record.bind(2, utc_now_iso8601());
        record.bind(3, std::string(m.what));
        if (!exec(m.sqlite) || !record.run()) {
            const std::string problem = "cannot be migrated to schema version " + std::to_string(m.version) + ": " +
                                        sqlite3_errmsg(db_);
            exec("ROLLBACK");
            return problem;
        }
    }
    if (!exec("COMMIT")) {
        const std::string problem = why_not + sqlite3_errmsg(db_);
        exec("ROLLBACK");
        return problem;
    }
    return {};
}

bool SqliteStore::commit(std::function<bool()> write) {
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

void SqliteStore::write_batch(const std::vector<PendingWrite*>& batch) {
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

std::optional<FeedbackRecord> SqliteStore::add_feedback(FeedbackRecord r) {
    r.at = utc_now_iso8601();
    const bool ok = commit([this, &r] {
        Statement s(db_,
                    "INSERT INTO feedback (at, customer_id, product_id, event, actor, actor_role) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
        s.bind(1, r.at);
        s.bind(2, r.customer_id);
        s.bind(3, r.product_id);
        s.bind(4, std::string(to_string(r.event)));
        s.bind(5, r.actor);
        s.bind(6, r.actor_role);
        if (!s.run()) return false;
        r.id = sqlite3_last_insert_rowid(db_);
        return true;
    });
    if (!ok) return std::nullopt;
    return r;
}

StoreAnswer<std::vector<FeedbackRecord>> SqliteStore::feedback_for(const std::vector<std::int64_t>& customer_ids,
                                                                   std::size_t limit) {
    if (customer_ids.empty()) return std::vector<FeedbackRecord>();
    std::string sql =
        "SELECT id, at, customer_id, product_id, event, actor_role FROM feedback WHERE customer_id IN (";
    for (std::size_t i = 0; i < customer_ids.size(); ++i) sql += i ? ",?" : "?";
    sql += ") ORDER BY id DESC LIMIT ?";
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s(db_, sql.c_str());
    int i = 1;
    for (std::int64_t id : customer_ids) s.bind(i++, id);
    s.bind(i, static_cast<std::int64_t>(limit));
    return rows<FeedbackRecord>(s, [](Statement& row) {
        FeedbackRecord r;
        r.id = row.integer(0);
        r.at = row.text(1);
        r.customer_id = row.integer(2);
        r.product_id = row.text(3);
        r.event = parse_feedback_event(row.text(4)).value_or(FeedbackEvent::Interested);
        r.actor_role = row.text(5);
        return r;
    });
}

bool SqliteStore::audit(const std::vector<AuditRecord>& records) {
    const std::string at = utc_now_iso8601();
    return commit([this, &records, &at] {
        Statement s(db_,
                    "INSERT INTO audit (at, actor, actor_role, action, customer_id, detail) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
        for (const AuditRecord& r : records) {
            sqlite3_reset(s.get());
            s.bind(1, at);
            s.bind(2, r.actor);
            s.bind(3, r.actor_role);
            s.bind(4, r.action);
            if (r.customer_id) s.bind(5, *r.customer_id); else s.bind_null(5);
            s.bind(6, r.detail);
            if (!s.run()) return false;
        }
        return true;
    });
}

StoreAnswer<std::vector<AuditRecord>> SqliteStore::audit_trail(std::size_t limit) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s(db_,
                "SELECT id, at, actor, actor_role, action, customer_id, detail FROM audit "
                "ORDER BY id LIMIT ?");
    s.bind(1, static_cast<std::int64_t>(limit));
    return rows<AuditRecord>(s, [](Statement& row) {
        AuditRecord r;
        r.id = row.integer(0);
        r.at = row.text(1);
        r.actor = row.text(2);
        r.actor_role = row.text(3);
        r.action = row.text(4);
        if (sqlite3_column_type(row.get(), 5) != SQLITE_NULL) r.customer_id = row.integer(5);
        r.detail = row.text(6);
        return r;
    });
}

bool SqliteStore::healthy() {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s(db_, "SELECT 1");
    return s.ok() && sqlite3_step(s.get()) == SQLITE_ROW;
}

bool SqliteStore::add_session(const SessionRecord& r) {
    return commit([this, &r] {
        Statement s(db_,
                    "INSERT INTO sessions (key, username, role, subject_id, created_ms, last_seen_ms) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
        s.bind(1, r.key);
        s.bind(2, r.username);
        s.bind(3, r.role);
        s.bind(4, r.subject_id);
        s.bind(5, r.created);
        s.bind(6, r.last_seen);
        return s.run();
    });
}

StoreAnswer<std::optional<SessionRecord>> SqliteStore::session(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s(db_,
                "SELECT key, username, role, subject_id, created_ms, last_seen_ms FROM sessions WHERE key = ?");
    s.bind(1, key);
    auto found = rows<SessionRecord>(s, [](Statement& row) {
        return SessionRecord{row.text(0), row.text(1), row.text(2), row.text(3), row.integer(4), row.integer(5)};
    });
    if (!found) return std::nullopt;
    if (found->empty()) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(found->front());
}

bool SqliteStore::touch_session(const std::string& key, UnixMillis last_seen) {
    return commit([this, &key, last_seen] {
        Statement s(db_, "UPDATE sessions SET last_seen_ms = ? WHERE key = ? AND last_seen_ms < ?");
        s.bind(1, last_seen);
        s.bind(2, key);
        s.bind(3, last_seen);
        return s.run();
    });
}

bool SqliteStore::end_session(const std::string& key) {
    return commit([this, &key] {
        Statement s(db_, "DELETE FROM sessions WHERE key = ?");
        s.bind(1, key);
        return s.run();
    });
}

bool SqliteStore::end_expired_sessions(UnixMillis idle_before, UnixMillis created_before, std::size_t keep_at_most) {
    return commit([this, idle_before, created_before, keep_at_most] {
        Statement expired(db_, "DELETE FROM sessions WHERE last_seen_ms < ? OR created_ms < ?");
        expired.bind(1, idle_before);
        expired.bind(2, created_before);
        Statement oldest(db_,
                         "DELETE FROM sessions WHERE key IN "
                         "(SELECT key FROM sessions ORDER BY created_ms DESC LIMIT -1 OFFSET ?)");
        oldest.bind(1, static_cast<std::int64_t>(keep_at_most));
        return expired.run() && oldest.run();
    });
}

StoreAnswer<std::vector<FailureCount>> SqliteStore::failure_counts(const std::vector<std::string>& keys) {
    std::vector<FailureCount> out;
    std::lock_guard<std::mutex> lock(mutex_);
    for (const std::string& key : keys) {
        Statement s(db_, "SELECT failures, last_ms FROM sign_in_failures WHERE key = ?");
        s.bind(1, key);
        auto found = rows<FailureCount>(s, [](Statement& row) {
            return FailureCount{static_cast<int>(row.integer(0)), row.integer(1)};
        });
        if (!found) return std::nullopt;
        out.push_back(found->empty() ? FailureCount{} : found->front());
    }
    return out;
}

bool SqliteStore::add_failure(const std::vector<std::string>& keys, UnixMillis at) {
    return commit([this, &keys, at] {
        for (const std::string& key : keys) {
            Statement s(db_,
                        "INSERT INTO sign_in_failures (key, failures, last_ms) VALUES (?, 1, ?) "
                        "ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last_ms = excluded.last_ms");
            s.bind(1, key);
            s.bind(2, at);
            if (!s.run()) return false;
        }
        return true;
    });
}

bool SqliteStore::clear_failures(const std::string& key) {
    return commit([this, &key] {
        Statement s(db_, "DELETE FROM sign_in_failures WHERE key = ?");
        s.bind(1, key);
        return s.run();
    });
}

bool SqliteStore::forget_failures_before(UnixMillis last_before) {
    return commit([this, last_before] {
        Statement s(db_, "DELETE FROM sign_in_failures WHERE last_ms < ?");
        s.bind(1, last_before);
        return s.run();
    });
}

// Inside a group commit the batch holds SQLite's write lock, so no other process reads the bucket
// between this read and this write.
StoreAnswer<TokenBucket> SqliteStore::change_bucket(const std::string& key, const BucketChange& change) {
    TokenBucket changed;
    const bool ok = commit([this, &key, &change, &changed] {
        Statement read(db_, "SELECT tokens, updated_ms FROM quota_buckets WHERE key = ?");
        read.bind(1, key);
        auto found = rows<TokenBucket>(read, [](Statement& row) {
            return TokenBucket{sqlite3_column_double(row.get(), 0), row.integer(1)};
        });
        if (!found) return false;
        changed = change(found->empty() ? std::nullopt : std::optional<TokenBucket>(found->front()));
        Statement write(db_, "INSERT OR REPLACE INTO quota_buckets (key, tokens, updated_ms) VALUES (?, ?, ?)");
        write.bind(1, key);
        write.bind(2, changed.tokens);
        write.bind(3, changed.updated);
        return write.run();
    });
    if (!ok) return std::nullopt;
    return changed;
}

}  // namespace bank::proxy
