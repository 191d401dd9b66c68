#include "proxy/store_schema.h"

namespace bank::proxy {

namespace {

// Version 1 is the schema SQLite stores had before versions were recorded, so its statements
// keep IF NOT EXISTS: on such a file they change nothing and version 1 is simply recorded.
const char* const kFeedbackAndAuditSqlite = R"sql(
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
)sql";

const char* const kFeedbackAndAuditPostgres = R"sql(
CREATE TABLE feedback (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          TIMESTAMPTZ NOT NULL,
  customer_id BIGINT NOT NULL,
  product_id  TEXT NOT NULL,
  event       TEXT NOT NULL CHECK (event IN ('interested', 'not_for_me', 'offered', 'accepted')),
  actor       TEXT NOT NULL,
  actor_role  TEXT NOT NULL
);
CREATE INDEX feedback_by_customer ON feedback (customer_id, id);
CREATE TABLE audit (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          TIMESTAMPTZ NOT NULL,
  actor       TEXT NOT NULL,
  actor_role  TEXT NOT NULL,
  action      TEXT NOT NULL,
  customer_id BIGINT,
  detail      TEXT NOT NULL DEFAULT ''
);
)sql";

// Times are milliseconds since the Unix epoch, the timeline every replica shares.
const char* const kSharedStateSqlite = R"sql(
CREATE TABLE sessions (
  key          TEXT PRIMARY KEY,
  username     TEXT NOT NULL,
  role         TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  created_ms   INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL
);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_ms);
CREATE INDEX sessions_by_created ON sessions (created_ms);
CREATE TABLE sign_in_failures (
  key      TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_ms  INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_last ON sign_in_failures (last_ms);
CREATE TABLE quota_buckets (
  key        TEXT PRIMARY KEY,
  tokens     REAL NOT NULL,
  updated_ms INTEGER NOT NULL
);
)sql";

const char* const kSharedStatePostgres = R"sql(
CREATE TABLE sessions (
  key          TEXT PRIMARY KEY,
  username     TEXT NOT NULL,
  role         TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  created_ms   BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL
);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_ms);
CREATE INDEX sessions_by_created ON sessions (created_ms);
CREATE TABLE sign_in_failures (
  key      TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_ms  BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_last ON sign_in_failures (last_ms);
CREATE TABLE quota_buckets (
  key        TEXT PRIMARY KEY,
  tokens     DOUBLE PRECISION NOT NULL,
  updated_ms BIGINT NOT NULL
);
)sql";

}  // namespace

const std::vector<Migration>& store_migrations() {
    static const std::vector<Migration> migrations = {
        {1, "feedback and audit", kFeedbackAndAuditSqlite, kFeedbackAndAuditPostgres},
        {2, "sessions, sign-in failures and quotas shared by replicas", kSharedStateSqlite, kSharedStatePostgres},
    };
    return migrations;
}

int newest_schema_version() { return store_migrations().back().version; }

}  // namespace bank::proxy
