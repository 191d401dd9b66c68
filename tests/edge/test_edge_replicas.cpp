// The edge over several replicas: requests spread over them on kept-alive connections, a replica
// that dies is routed around without an error for the client, and, with the store in PostgreSQL,
// a user signed in on one replica is signed in on all of them.
#include <catch2/catch.hpp>

#include "edge_fixture.h"
#include "pg_cluster.h"

using namespace bank::proxy::test;

TEST_CASE("the edge spreads requests over two replicas and routes around one that dies", "[edge][replicas]") {
    Replicas replicas(2);
    Edge edge(replicas.ports());
    for (int i = 0; i < 20; ++i) REQUIRE(edge.get("/api/catalog")->status == 200);
    const long first = replicas.answered(0, "/api/catalog", 5);
    const long second = replicas.answered(1, "/api/catalog", 20 - first);
    CHECK(first + second == 20);
    CHECK(first >= 5);
    CHECK(second >= 5);

    REQUIRE(replicas.at(0).kill_now());
    for (int i = 0; i < 20; ++i) {
        INFO("request " << i << " after the first replica died");
        auto r = edge.get("/api/catalog");
        REQUIRE(r);
        CHECK(r->status == 200);
    }
    CHECK(replicas.answered(1, "/api/catalog", second + 20) == second + 20);
}

TEST_CASE("signed in through the edge on one replica, signed in on the other", "[edge][replicas][postgres]") {
    PgCluster& cluster = PgCluster::shared();
    Replicas replicas(2, {"--store", cluster.fresh_database()}, {"PGPASSWORD=" + cluster.password()});
    Edge to_first({replicas.ports()[0]});
    Edge to_second({replicas.ports()[1]});
    Edge to_both(replicas.ports());

    const std::string cookie = to_first.sign_in("banker01");
    auto book = to_second.get("/api/book", cookie);
    REQUIRE(book);
    CHECK(book->status == 200);
    CHECK(json_of(book)["customers"].size() == 2);

    for (int i = 0; i < 10; ++i) CHECK(to_both.get("/api/me", cookie)->status == 200);
    CHECK(replicas.answered(0, "/api/me", 3) >= 3);
    CHECK(replicas.answered(1, "/api/me", 3) >= 3);

    // Signing out on the second ends the session on the first as well.
    REQUIRE(to_second.post("/api/logout", nlohmann::json::object(), cookie)->status == 200);
    CHECK(to_first.get("/api/me", cookie)->status == 401);
}
