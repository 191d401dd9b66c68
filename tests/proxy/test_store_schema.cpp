// Opening a store: the schema is created and migrated in order and each version recorded once; a
// store it cannot use (newer schema, unreachable server, refused password, read-only database)
// stops the proxy with a message that says why and never shows the password.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <thread>

#include "pg_cluster.h"
#include "proxy/activity_store.h"
#include "proxy/store_location.h"
#include "proxy/store_pg_pool.h"
#include "proxy/store_schema.h"
#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;

namespace {

std::string problem_opening(const std::string& location) {
    auto store = ActivityStore::open(location);
    return std::holds_alternative<std::string>(store) ? std::get<std::string>(store) : std::string();
}

void sqlite_exec(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    INFO((error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

std::vector<std::string> sqlite_column(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* s = nullptr;
    std::vector<std::string> out;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

std::vector<std::string> pg_column(const std::string& url, const char* sql) {
    std::string problem;
    PgConnection c = pg_connect(url, problem);
    INFO(problem);
    REQUIRE(c);
    PgResult r = pg_run(c.get(), sql);
    INFO(pg_problem(c.get()));
    REQUIRE(pg_ok(r));
    std::vector<std::string> out;
    for (int row = 0; row < PQntuples(r.get()); ++row) out.push_back(pg_text(r, row, 0));
    return out;
}

std::vector<std::string> every_version() {
    std::vector<std::string> out;
    for (const Migration& m : store_migrations()) out.push_back(std::to_string(m.version));
    return out;
}

const std::string kNewest = std::to_string(newest_schema_version());

}  // namespace

TEST_CASE("a store location shows no password", "[store]") {
    CHECK(is_postgres_url("postgresql://bank@db/bank"));
    CHECK(is_postgres_url("postgres://db"));
    CHECK_FALSE(is_postgres_url("build/proxy-store.sqlite"));
    CHECK_FALSE(is_postgres_url("postgresql.sqlite"));
    CHECK(redacted_location("postgresql://bank:s3cr%40t@db.internal:5432/bank?sslmode=require") ==
          "postgresql://bank:***@db.internal:5432/bank?sslmode=require");
    CHECK(redacted_location("postgresql://bank@db/bank?password=s3cret&sslmode=require") ==
          "postgresql://bank@db/bank?password=***&sslmode=require");
    CHECK(redacted_location("postgresql://bank@db/bank") == "postgresql://bank@db/bank");
    CHECK(redacted_location("postgresql://db:5432/bank") == "postgresql://db:5432/bank");  // a port is no password
    CHECK(redacted_location("/var/lib/bank/store.sqlite") == "/var/lib/bank/store.sqlite");
    CHECK(url_password("postgresql://bank:s3cr%40t@db/bank") == "s3cr@t");
    CHECK(url_password("postgresql://bank@db/bank?password=abc") == "abc");
    CHECK(url_password("postgresql://bank@db/bank").empty());
}

TEST_CASE("an SQLite store from before schema versions is migrated and keeps its records", "[store][schema]") {
    TempDir dir;
    const std::string path = dir.path() + "/store.sqlite";
    // The schema as every store had it before versions were recorded (PRAGMA user_version = 1).
    sqlite_exec(path, "CREATE TABLE feedback (id INTEGER PRIMARY KEY, at TEXT NOT NULL, customer_id INTEGER NOT NULL, "
                      "product_id TEXT NOT NULL, event TEXT NOT NULL CHECK (event IN ('interested', 'not_for_me', "
                      "'offered', 'accepted')), actor TEXT NOT NULL, actor_role TEXT NOT NULL);"
                      "CREATE INDEX feedback_by_customer ON feedback (customer_id, id);"
                      "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, actor_role "
                      "TEXT NOT NULL, action TEXT NOT NULL, customer_id INTEGER, detail TEXT NOT NULL DEFAULT '');"
                      "PRAGMA user_version = 1;"
                      "INSERT INTO feedback VALUES (7, '2026-01-01T00:00:00.000Z', 101, 'SAV-EASY', 'offered', "
                      "'banker01', 'banker');");
    auto store = ActivityStore::open(path);
    REQUIRE(std::holds_alternative<std::unique_ptr<ActivityStore>>(store));
    auto& opened = *std::get<std::unique_ptr<ActivityStore>>(store);
    const auto kept = opened.feedback_for({101}, 10).value();
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].id == 7);
    CHECK(opened.add_session({"k", "customer101", "customer", "101", 1, 1}));  // the new tables exist
    CHECK(sqlite_column(path, "SELECT version FROM schema_version ORDER BY version") == every_version());

    auto again = ActivityStore::open(path);  // opening again applies nothing twice
    REQUIRE(std::holds_alternative<std::unique_ptr<ActivityStore>>(again));
    CHECK(sqlite_column(path, "SELECT version FROM schema_version ORDER BY version") == every_version());
}

TEST_CASE("an SQLite store with a newer schema than the proxy knows is refused, untouched", "[store][schema]") {
    TempDir dir;
    const std::string path = dir.path() + "/store.sqlite";
    REQUIRE(problem_opening(path).empty());
    sqlite_exec(path, "INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00.000Z', 'from the future')");
    CHECK(problem_opening(path) == "the store " + path + " has schema version 99, newer than this proxy knows (" +
                                       kNewest + "): a newer bank-proxy migrated it; run that version");
    CHECK(sqlite_column(path, "SELECT max(version) FROM schema_version") == std::vector<std::string>{"99"});
}

TEST_CASE("PostgreSQL: the schema is created in order, recorded once, by one replica at a time",
          "[store][schema][postgres]") {
    PgCluster& cluster = PgCluster::shared();
    const std::string url = cluster.with_password(cluster.fresh_database());
    // Four replicas starting at once on an empty database: one migrates, the others find it done.
    std::vector<std::string> problems(4);
    std::vector<std::thread> replicas;
    for (std::size_t i = 0; i < problems.size(); ++i) {
        replicas.emplace_back([&, i] { problems[i] = problem_opening(url); });
    }
    for (auto& r : replicas) r.join();
    for (const std::string& p : problems) CHECK(p.empty());
    CHECK(pg_column(url, "SELECT version::text FROM schema_version ORDER BY version") == every_version());
    CHECK(pg_column(url, "SELECT description FROM schema_version WHERE version = 1") ==
          std::vector<std::string>{"feedback and audit"});
}

TEST_CASE("PostgreSQL: a database with a newer schema than the proxy knows is refused", "[store][schema][postgres]") {
    PgCluster& cluster = PgCluster::shared();
    const std::string plain = cluster.fresh_database();
    const std::string url = cluster.with_password(plain);
    REQUIRE(problem_opening(url).empty());
    pg_column(url, "INSERT INTO schema_version (version, description) VALUES (99, 'from the future') RETURNING 1");
    CHECK(problem_opening(url) == "the PostgreSQL store " + redacted_location(url) +
                                      " has schema version 99, newer than this proxy knows (" + kNewest +
                                      "): a newer bank-proxy migrated it; run that version");
}

TEST_CASE("PostgreSQL: an unreachable server, a wrong password and a read-only database are told apart",
          "[store][postgres]") {
    PgCluster& cluster = PgCluster::shared();
    const std::string plain = cluster.fresh_database();
    const std::string port = std::to_string(cluster.port());

    // Port 1 on loopback: nothing listens there.
    const std::string nowhere = problem_opening("postgresql://bank:" + cluster.password() + "@127.0.0.1:1/bank");
    CHECK(nowhere.find("cannot connect to the PostgreSQL store postgresql://bank:***@127.0.0.1:1/bank: ") == 0);
    CHECK(nowhere.find("Connection refused") != std::string::npos);
    CHECK(nowhere.find(cluster.password()) == std::string::npos);

    const std::string wrong = problem_opening("postgresql://bank:not-the-password@127.0.0.1:" + port + "/bank");
    CHECK(wrong.find("postgresql://bank:***@127.0.0.1:" + port + "/bank") != std::string::npos);
    CHECK(wrong.find("password authentication failed for user \"bank\"") != std::string::npos);
    CHECK(wrong.find("check the user name, and the password") != std::string::npos);
    CHECK(wrong.find("not-the-password") == std::string::npos);

    const std::string url = cluster.with_password(plain);
    const std::string name = plain.substr(plain.rfind('/') + 1);
    pg_column(cluster.with_password("postgresql://bank@127.0.0.1:" + port + "/bank"),
              ("ALTER DATABASE " + name + " SET default_transaction_read_only = on").c_str());
    const std::string read_only = problem_opening(url);
    CHECK(read_only == "the PostgreSQL store " + redacted_location(url) +
                           " is read-only (default_transaction_read_only is on): the proxy must write feedback, "
                           "audit and sessions");
    CHECK(read_only.find(cluster.password()) == std::string::npos);
}
