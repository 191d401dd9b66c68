#include "proxy/store_postgres.h"

#include <cstdio>
#include <cstdlib>

#include "proxy/store_location.h"
#include "proxy/store_schema.h"

namespace bank::proxy {

namespace {

constexpr std::size_t kConnections = 8;
// Advisory lock keys (any fixed numbers): one replica at a time migrates; takers of one quota
// bucket queue up.
constexpr const char* kMigrationLock = "4226501";
constexpr const char* kQuotaLockSpace = "4226502";

// Event times are written by the proxy and read back in the same ISO 8601 form on both backends.
constexpr const char* kIsoTime = "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

std::string text_of(std::int64_t v) { return std::to_string(v); }

std::string text_of(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Removes the password from a message before it can reach a log, however libpq worded it.
std::string without_secrets(std::string message, const std::string& url) {
    const char* env = std::getenv("PGPASSWORD");
    for (const std::string& secret : {url_password(url), std::string(env ? env : "")}) {
        if (secret.size() < 4) continue;
        for (std::size_t at = message.find(secret); at != std::string::npos; at = message.find(secret, at)) {
            message.replace(at, secret.size(), "***");
        }
    }
    return message;
}

std::string connection_hint(const std::string& problem) {
    if (problem.find("password authentication failed") != std::string::npos ||
        problem.find("no password supplied") != std::string::npos) {
        return " (check the user name, and the password in PGPASSWORD, ~/.pgpass or the URL)";
    }
    return "";
}

// The proxy writes on every sign-in and feedback, so a standby or a read-only database cannot serve it.
std::string refuse_read_only(PGconn* c, PgDeadline deadline) {
    PgResult r = pg_run(c, "SELECT pg_is_in_recovery(), current_setting('transaction_read_only')", {}, deadline);
    if (!pg_ok(r)) return "cannot be checked: " + pg_problem(c);
    if (pg_text(r, 0, 0) == "t") return "is a standby in recovery, which is read-only: point --store at the primary";
    if (pg_text(r, 0, 1) == "on") {
        return "is read-only (default_transaction_read_only is on): the proxy must write feedback, audit "
               "and sessions";
    }
    return {};
}

std::string migrate(PGconn* c) {
    const auto failed = [c](const std::string& what) {
        const std::string problem = what + ": " + pg_problem(c);
        pg_run(c, "ROLLBACK");
        return problem;
    };
    // A migration takes as long as it takes (and may wait for another replica's): no
    // statement_timeout for it.
    if (!pg_ok(pg_run(c, "BEGIN")) || !pg_ok(pg_run(c, "SET LOCAL statement_timeout = 0")) ||
        !pg_ok(pg_run(c, "SELECT pg_advisory_xact_lock($1::bigint)", {std::string(kMigrationLock)})) ||
        !pg_ok(pg_run(c, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                         "applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), description TEXT NOT NULL)"))) {
        return failed("cannot be prepared");
    }
    PgResult current = pg_run(c, "SELECT coalesce(max(version), 0) FROM schema_version");
    if (!pg_ok(current)) return failed("cannot be prepared");
    const std::int64_t version = pg_integer(current, 0, 0);
    if (version > newest_schema_version()) {
        pg_run(c, "ROLLBACK");
        return "has schema version " + std::to_string(version) + ", newer than this proxy knows (" +
               std::to_string(newest_schema_version()) + "): a newer bank-proxy migrated it; run that version";
    }
    for (const Migration& m : store_migrations()) {
        if (m.version <= version) continue;
        if (!pg_ok(PgResult(PQexec(c, m.postgres))) ||
            !pg_ok(pg_run(c, "INSERT INTO schema_version (version, description) VALUES ($1, $2)",
                          {text_of(static_cast<std::int64_t>(m.version)), std::string(m.what)}))) {
            return failed("cannot be migrated to schema version " + std::to_string(m.version));
        }
    }
    PgResult commit = pg_run(c, "COMMIT");
    if (!pg_ok(commit) || std::string(PQcmdStatus(commit.get())) != "COMMIT") return failed("cannot be migrated");
    return {};
}

FeedbackRecord feedback_row(const PgResult& r, int row) {
    FeedbackRecord f;
    f.id = pg_integer(r, row, 0);
    f.at = pg_text(r, row, 1);
    f.customer_id = pg_integer(r, row, 2);
    f.product_id = pg_text(r, row, 3);
    f.event = parse_feedback_event(pg_text(r, row, 4)).value_or(FeedbackEvent::Interested);
    f.actor_role = pg_text(r, row, 5);
    return f;
}

AuditRecord audit_row(const PgResult& r, int row) {
    AuditRecord a;
    a.id = pg_integer(r, row, 0);
    a.at = pg_text(r, row, 1);
    a.actor = pg_text(r, row, 2);
    a.actor_role = pg_text(r, row, 3);
    a.action = pg_text(r, row, 4);
    if (!PQgetisnull(r.get(), row, 5)) a.customer_id = pg_integer(r, row, 5);
    a.detail = pg_text(r, row, 6);
    return a;
}

}  // namespace

std::variant<std::unique_ptr<ActivityStore>, std::string> PostgresStore::open(const std::string& url,
                                                                             std::chrono::seconds timeout) {
    const std::string where = "the PostgreSQL store " + redacted_location(url);
    std::string problem;
    PgConnection c = pg_connect(url, problem, timeout);
    if (!c) return "cannot connect to " + where + ": " + without_secrets(problem, url) + connection_hint(problem);
    problem = refuse_read_only(c.get(), std::chrono::steady_clock::now() + timeout);
    if (problem.empty()) problem = migrate(c.get());
    if (!problem.empty()) return where + " " + without_secrets(problem, url);
    return std::unique_ptr<ActivityStore>(new PostgresStore(url, timeout));
}

PostgresStore::PostgresStore(const std::string& url, std::chrono::seconds timeout)
    : pool_(url, kConnections, timeout), timeout_(timeout) {}

PgDeadline PostgresStore::deadline() const { return std::chrono::steady_clock::now() + timeout_; }

PgResult PostgresStore::run(const char* sql, const PgParams& params, bool may_repeat) {
    const PgDeadline deadline = this->deadline();
    for (int attempt = 0; attempt < (may_repeat ? 2 : 1); ++attempt) {
        PgPool::Lease lease = pool_.take(deadline);
        if (!lease) return nullptr;
        PgResult r = pg_run(lease.get(), sql, params, deadline);
        if (pg_ok(r) || PQstatus(lease.get()) == CONNECTION_OK) return r;
    }
    return nullptr;
}

template <class Work> bool PostgresStore::transaction(Work work) {
    const PgDeadline deadline = this->deadline();
    PgPool::Lease lease = pool_.take(deadline);
    if (!lease) return false;
    PGconn* c = lease.get();
    if (!pg_ok(pg_run(c, "BEGIN", {}, deadline))) return false;
    if (!work(c, deadline)) {
        pg_run(c, "ROLLBACK", {}, deadline);
        return false;
    }
    // A transaction that failed part-way answers COMMIT with ROLLBACK.
    PgResult commit = pg_run(c, "COMMIT", {}, deadline);
    return pg_ok(commit) && std::string(PQcmdStatus(commit.get())) == "COMMIT";
}

std::optional<FeedbackRecord> PostgresStore::add_feedback(FeedbackRecord f) {
    f.at = utc_now_iso8601();
    PgResult r = run("INSERT INTO feedback (at, customer_id, product_id, event, actor, actor_role) "
                     "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                     {f.at, text_of(f.customer_id), f.product_id, std::string(to_string(f.event)), f.actor,
                      f.actor_role},
                     false);
    if (!pg_ok(r) || PQntuples(r.get()) != 1) return std::nullopt;
    f.id = pg_integer(r, 0, 0);
    return f;
}

StoreAnswer<std::vector<FeedbackRecord>> PostgresStore::feedback_for(const std::vector<std::int64_t>& customer_ids,
                                                                     std::size_t limit) {
    if (customer_ids.empty()) return std::vector<FeedbackRecord>();
    // An array literal of numbers this function formats itself: nothing from a request is spliced.
    std::string ids = "{";
    for (std::size_t i = 0; i < customer_ids.size(); ++i) ids += (i ? "," : "") + text_of(customer_ids[i]);
    ids += "}";
    const std::string sql = std::string("SELECT id, ") + kIsoTime +
                            ", customer_id, product_id, event, actor_role FROM feedback "
                            "WHERE customer_id = ANY($1::bigint[]) ORDER BY id DESC LIMIT $2";
    PgResult r = run(sql.c_str(), {ids, text_of(static_cast<std::int64_t>(limit))}, true);
    if (!pg_ok(r)) return std::nullopt;
    std::vector<FeedbackRecord> out;
    for (int row = 0; row < PQntuples(r.get()); ++row) out.push_back(feedback_row(r, row));
    return out;
}

bool PostgresStore::audit(const std::vector<AuditRecord>& records) {
    const std::string at = utc_now_iso8601();
    return transaction([&records, &at](PGconn* c, PgDeadline deadline) {
        for (const AuditRecord& a : records) {
            const PgParams params = {at, a.actor, a.actor_role, a.action,
                                     a.customer_id ? std::optional<std::string>(text_of(*a.customer_id)) : std::nullopt,
                                     a.detail};
            if (!pg_ok(pg_run(c,
                              "INSERT INTO audit (at, actor, actor_role, action, customer_id, detail) "
                              "VALUES ($1, $2, $3, $4, $5, $6)",
                              params, deadline))) {
                return false;
            }
        }
        return true;
    });
}

StoreAnswer<std::vector<AuditRecord>> PostgresStore::audit_trail(std::size_t limit) {
    const std::string sql = std::string("SELECT id, ") + kIsoTime +
                            ", actor, actor_role, action, customer_id, detail FROM audit ORDER BY id LIMIT $1";
    PgResult r = run(sql.c_str(), {text_of(static_cast<std::int64_t>(limit))}, true);
    if (!pg_ok(r)) return std::nullopt;
    std::vector<AuditRecord> out;
    for (int row = 0; row < PQntuples(r.get()); ++row) out.push_back(audit_row(r, row));
    return out;
}

bool PostgresStore::healthy() { return pg_ok(run("SELECT 1", {}, true)); }

bool PostgresStore::add_session(const SessionRecord& s) {
    return pg_ok(run("INSERT INTO sessions (key, username, role, subject_id, created_ms, last_seen_ms) "
                     "VALUES ($1, $2, $3, $4, $5, $6)",
                     {s.key, s.username, s.role, s.subject_id, text_of(s.created), text_of(s.last_seen)}, false));
}

StoreAnswer<std::optional<SessionRecord>> PostgresStore::session(const std::string& key) {
    PgResult r = run("SELECT key, username, role, subject_id, created_ms, last_seen_ms FROM sessions WHERE key = $1",
                     {key}, true);
    if (!pg_ok(r)) return std::nullopt;
    if (PQntuples(r.get()) == 0) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(SessionRecord{pg_text(r, 0, 0), pg_text(r, 0, 1), pg_text(r, 0, 2),
                                                      pg_text(r, 0, 3), pg_integer(r, 0, 4), pg_integer(r, 0, 5)});
}

bool PostgresStore::touch_session(const std::string& key, UnixMillis last_seen) {
    return pg_ok(run("UPDATE sessions SET last_seen_ms = $2 WHERE key = $1 AND last_seen_ms < $2",
                     {key, text_of(last_seen)}, true));
}

bool PostgresStore::end_session(const std::string& key) {
    return pg_ok(run("DELETE FROM sessions WHERE key = $1", {key}, true));
}

bool PostgresStore::end_expired_sessions(UnixMillis idle_before, UnixMillis created_before, std::size_t keep_at_most) {
    return transaction([&](PGconn* c, PgDeadline deadline) {
        return pg_ok(pg_run(c, "DELETE FROM sessions WHERE last_seen_ms < $1 OR created_ms < $2",
                            {text_of(idle_before), text_of(created_before)}, deadline)) &&
               pg_ok(pg_run(c,
                            "DELETE FROM sessions WHERE key IN "
                            "(SELECT key FROM sessions ORDER BY created_ms DESC OFFSET $1)",
                            {text_of(static_cast<std::int64_t>(keep_at_most))}, deadline));
    });
}

StoreAnswer<std::vector<FailureCount>> PostgresStore::failure_counts(const std::vector<std::string>& keys) {
    std::vector<FailureCount> out;
    for (const std::string& key : keys) {
        PgResult r = run("SELECT failures, last_ms FROM sign_in_failures WHERE key = $1", {key}, true);
        if (!pg_ok(r)) return std::nullopt;
        out.push_back(PQntuples(r.get()) == 0
                          ? FailureCount{}
                          : FailureCount{static_cast<int>(pg_integer(r, 0, 0)), pg_integer(r, 0, 1)});
    }
    return out;
}

bool PostgresStore::add_failure(const std::vector<std::string>& keys, UnixMillis at) {
    if (keys.empty()) return true;
    std::string sql = "INSERT INTO sign_in_failures (key, failures, last_ms) VALUES ";
    PgParams params = {text_of(at)};
    for (std::size_t i = 0; i < keys.size(); ++i) {
        sql += (i ? ", ($" : "($") + std::to_string(i + 2) + ", 1, $1)";
        params.push_back(keys[i]);
    }
    sql += " ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1, last_ms = excluded.last_ms";
    return pg_ok(run(sql.c_str(), params, false));
}

bool PostgresStore::clear_failures(const std::string& key) {
    return pg_ok(run("DELETE FROM sign_in_failures WHERE key = $1", {key}, true));
}

bool PostgresStore::forget_failures_before(UnixMillis last_before) {
    return pg_ok(run("DELETE FROM sign_in_failures WHERE last_ms < $1", {text_of(last_before)}, true));
}

// The advisory lock on the key's hash makes every replica's take of one bucket wait its turn, the
// first take (no row yet) included, which a row lock could not cover.
StoreAnswer<TokenBucket> PostgresStore::change_bucket(const std::string& key, const BucketChange& change) {
    TokenBucket changed;
    const bool ok = transaction([&](PGconn* c, PgDeadline deadline) {
        if (!pg_ok(pg_run(c, "SELECT pg_advisory_xact_lock($1::integer, hashtext($2))",
                          {std::string(kQuotaLockSpace), key}, deadline))) {
            return false;
        }
        PgResult r = pg_run(c, "SELECT tokens, updated_ms FROM quota_buckets WHERE key = $1", {key}, deadline);
        if (!pg_ok(r)) return false;
        std::optional<TokenBucket> current;
        if (PQntuples(r.get()) == 1) current = TokenBucket{std::strtod(PQgetvalue(r.get(), 0, 0), nullptr), pg_integer(r, 0, 1)};
        changed = change(current);
        return pg_ok(pg_run(c,
                            "INSERT INTO quota_buckets (key, tokens, updated_ms) VALUES ($1, $2, $3) "
                            "ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_ms = excluded.updated_ms",
                            {key, text_of(changed.tokens), text_of(changed.updated)}, deadline));
    });
    if (!ok) return std::nullopt;
    return changed;
}

}  // namespace bank::proxy
