// A bad day for the store: another process holds SQLite's write lock longer than the proxy's busy
// timeout. A feedback write is then refused (503, nothing acknowledged, nothing stored), a record
// view is refused because its audit record cannot be written (no audit, no data), and both work
// again once the lock is gone.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "pg_cluster.h"
#include "proxy/store_pg_pool.h"
#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;

namespace {

std::int64_t count_rows(const std::string& path, const char* table) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    std::int64_t n = -1;
    const std::string sql = std::string("SELECT count(*) FROM ") + table;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

}  // namespace

TEST_CASE("a store that cannot write refuses with 503, keeps nothing half-done, and recovers", "[faults][store]") {
    TestProxy proxy;
    const std::string banker = proxy.sign_in("banker01");
    const std::string customer = proxy.sign_in("customer101");
    const nlohmann::json offer = {{"customer_id", 101}, {"product_id", "SAV-EASY"}, {"event", "offered"}};
    REQUIRE(proxy.post("/api/feedback", offer, banker)->status == 201);
    const std::string path = proxy.config().store_path;
    const std::int64_t feedback_before = count_rows(path, "feedback");
    const std::int64_t audit_before = count_rows(path, "audit");

    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    // One after the other: each waits out the proxy's busy timeout (5 s). Sent together, the
    // second would queue behind the first's failing batch and wait twice as long.
    const auto refused_write = proxy.post("/api/feedback", offer, banker);
    const auto refused_view = proxy.get("/api/profile", customer);
    REQUIRE(refused_write);
    CHECK(refused_write->status == 503);
    CHECK(error_code(refused_write) == "store_unavailable");
    REQUIRE(refused_view);
    CHECK(refused_view->status == 503);
    CHECK(error_code(refused_view) == "store_unavailable");
    CHECK(refused_view->body.find("Liam") == std::string::npos);  // no audit, no data
    CHECK(proxy.get("/healthz")->status == 200);                  // reads still work
    REQUIRE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);

    CHECK(count_rows(path, "feedback") == feedback_before);
    CHECK(count_rows(path, "audit") == audit_before);
    CHECK(proxy.post("/api/feedback", offer, banker)->status == 201);
    const auto view_again = proxy.get("/api/profile", customer);
    CHECK(view_again->status == 200);
    CHECK(count_rows(path, "feedback") == feedback_before + 1);
    CHECK(count_rows(path, "audit") == audit_before + 1);
}

// The same bad day on PostgreSQL: the database turns read-only under a running proxy (a failover
// to a standby, an operator's switch). Writes are refused with 503 and nothing is acknowledged;
// reads that need no write go on; once the database takes writes again, so does the proxy,
// without a restart.
TEST_CASE("PostgreSQL turned read-only under a running proxy: 503, nothing acknowledged, then recovery",
          "[faults][store][postgres]") {
    PgCluster& cluster = PgCluster::shared();
    const std::string url = cluster.with_password(cluster.fresh_database());
    const std::string name = url.substr(url.rfind('/') + 1);
    TestProxy proxy([&](ProxyConfig& c) { c.store_path = url; });
    const std::string banker = proxy.sign_in("banker01");
    const nlohmann::json offer = {{"customer_id", 101}, {"product_id", "SAV-EASY"}, {"event", "offered"}};
    REQUIRE(proxy.post("/api/feedback", offer, banker)->status == 201);

    // New connections are read-only; the proxy's open ones are cut, so it reconnects into that.
    const auto admin = [&](const std::string& sql) {
        std::string problem;
        PgConnection c = pg_connect(cluster.with_password(url.substr(0, url.rfind('/')) + "/bank"), problem);
        REQUIRE(c);
        REQUIRE(pg_ok(pg_run(c.get(), sql.c_str())));
    };
    admin("ALTER DATABASE " + name + " SET default_transaction_read_only = on");
    admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");

    const auto refused = proxy.post("/api/feedback", offer, banker);
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(error_code(refused) == "store_unavailable");
    CHECK(proxy.get("/api/book/102", banker)->status == 503);  // its audit record cannot be written
    CHECK(proxy.get("/api/feedback", banker)->status == 200);  // reading needs no write
    CHECK(proxy.post("/api/login", {{"username", "banker02"}, {"password", password_of("banker02")}})->status == 503);

    admin("ALTER DATABASE " + name + " RESET default_transaction_read_only");
    admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    CHECK(proxy.post("/api/feedback", offer, banker)->status == 201);
    const auto events = json_of(proxy.get("/api/feedback", banker))["events"];
    CHECK(events.size() == 2);  // the refused write left nothing behind
}
