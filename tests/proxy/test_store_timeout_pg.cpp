// A PostgreSQL server that accepts connections and then stops answering (its processes stopped, or
// a network black hole) must not hold a request forever: the proxy gives up after --store-timeout,
// answers 503 store_unavailable like a database that is down, and carries on without a restart
// when the server answers again, with every acknowledged write still there.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pg_cluster.h"
#include "proxy/activity_store.h"
#include "proxy/proxy_config.h"
#include "proxy/store_pg_pool.h"
#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;
using namespace std::chrono_literals;

namespace {

pid_t parent_of(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("PPid:", 0) == 0) return static_cast<pid_t>(std::stol(line.substr(5)));
    }
    return -1;
}

std::vector<pid_t> children_of(pid_t parent) {
    std::vector<pid_t> children;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        const pid_t pid = static_cast<pid_t>(std::stol(name));
        if (parent_of(pid) == parent) children.push_back(pid);
    }
    return children;
}

// The postmaster: the parent of the backend serving a connection of ours.
pid_t postmaster_of(PgCluster& cluster) {
    std::string problem;
    PgConnection c =
        pg_connect(cluster.with_password("postgresql://bank@127.0.0.1:" + std::to_string(cluster.port()) + "/bank"),
                   problem);
    if (!c) throw std::runtime_error("cannot reach the test cluster: " + problem);
    return parent_of(PQbackendPID(c.get()));
}

// Every process of the cluster stopped (SIGSTOP): the postmaster first, so that it starts no
// more, then all its children. They are continued (SIGCONT) when this goes out of scope, however
// the test left it, so a failed assertion does not leave the shared cluster stopped.
class StoppedDatabase {
public:
    explicit StoppedDatabase(PgCluster& cluster) {
        const pid_t postmaster = postmaster_of(cluster);
        if (postmaster <= 1) throw std::runtime_error("cannot find the test cluster's postmaster");
        stop(postmaster);
        for (pid_t child : children_of(postmaster)) stop(child);
    }
    ~StoppedDatabase() {
        for (pid_t pid : stopped_) kill(pid, SIGCONT);
    }
    StoppedDatabase(const StoppedDatabase&) = delete;
    StoppedDatabase& operator=(const StoppedDatabase&) = delete;
    std::size_t processes() const { return stopped_.size(); }

private:
    void stop(pid_t pid) {
        if (kill(pid, SIGSTOP) == 0) stopped_.push_back(pid);
    }
    std::vector<pid_t> stopped_;
};

const nlohmann::json kOffer = {{"customer_id", 101}, {"product_id", "SAV-EASY"}, {"event", "offered"}};

// A client that waits long enough to tell "gave up in time" from "never answers".
httplib::Result post_feedback(int port, const std::string& cookie) {
    httplib::Client c = client_at(port);
    c.set_read_timeout(20, 0);
    return c.Post("/api/feedback", {{"Cookie", cookie}}, kOffer.dump(), "application/json");
}

// For a quarter second after a failed connection attempt the pool does not try again, so the
// first writes after an outage may still get 503 store_unavailable (and nothing else); up to 5 s.
httplib::Result post_feedback_when_back(int port, const std::string& cookie) {
    for (int attempt = 1;; ++attempt) {
        auto r = post_feedback(port, cookie);
        if (attempt == 50 || !r || r->status != 503) return r;
        CHECK(error_code(r) == "store_unavailable");
        std::this_thread::sleep_for(100ms);
    }
}

std::int64_t acknowledged_id(const httplib::Result& r) {
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return json_of(r)["id"].get<std::int64_t>();
}

}  // namespace

TEST_CASE("option --store-timeout: whole seconds from 1 to 300, default 5", "[config]") {
    const auto timeout_of = [](const std::vector<std::string>& args) {
        return std::get<ServeCommand>(std::get<Command>(parse_command_line(args))).config.store_timeout;
    };
    CHECK(timeout_of({}) == 5s);
    CHECK(timeout_of({"--store-timeout", "2"}) == 2s);
    for (const char* bad : {"0", "301", "1.5", "five", ""}) {
        INFO("--store-timeout '" << bad << "'");
        auto parsed = parse_command_line({"--store-timeout", bad});
        REQUIRE(std::holds_alternative<std::string>(parsed));
        CHECK(std::get<std::string>(parsed) ==
              "option --store-timeout: '" + std::string(bad) + "' is not a whole number of seconds from 1 to 300");
    }
}

TEST_CASE("a database that stops answering gets 503 store_unavailable within --store-timeout, and writes "
          "resume when it answers again",
          "[postgres][faults]") {
    PgCluster& cluster = PgCluster::shared();
    const std::string url = cluster.fresh_database();
    TempDir root;
    write_test_data(root.path() + "/data");
    ProxyProcess proxy(root.path(), {"--store", url, "--store-timeout", "2"}, {"PGPASSWORD=" + cluster.password()});
    const std::string cookie = sign_in_at(proxy.port(), "banker01");
    std::set<std::int64_t> acknowledged;
    for (int i = 0; i < 5; ++i) acknowledged.insert(acknowledged_id(post_feedback(proxy.port(), cookie)));

    {
        StoppedDatabase stopped(cluster);
        REQUIRE(stopped.processes() >= 2);  // the postmaster and at least the proxy's backend
        const auto asked = std::chrono::steady_clock::now();
        auto refused = post_feedback(proxy.port(), cookie);
        const auto waited = std::chrono::steady_clock::now() - asked;
        REQUIRE(refused);  // without a timeout the request hangs until this client gives up
        CHECK(refused->status == 503);
        CHECK(error_code(refused) == "store_unavailable");
        // The 2 s timeout plus room for a loaded machine: a deadline kept, not a speed measured.
        CHECK(waited < 6s);
        auto health = get_at(proxy.port(), "/healthz");
        REQUIRE(health);
        CHECK(health->status == 503);
    }

    // The same proxy process, the server continued: writes are acknowledged again.
    acknowledged.insert(acknowledged_id(post_feedback_when_back(proxy.port(), cookie)));
    CHECK(get_at(proxy.port(), "/healthz")->status == 200);

    auto opened = ActivityStore::open(cluster.with_password(url));
    const auto found = std::get<std::unique_ptr<ActivityStore>>(opened)->feedback_for({101}, 1000).value();
    std::set<std::int64_t> stored;
    for (const FeedbackRecord& f : found) stored.insert(f.id);
    for (std::int64_t id : acknowledged) {
        INFO("acknowledged feedback " << id);
        CHECK(stored.count(id) == 1);
    }
    CHECK(acknowledged.size() == 6);
}
