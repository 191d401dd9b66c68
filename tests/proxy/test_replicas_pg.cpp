// Two bank-proxy processes sharing one PostgreSQL store, as replicas behind a load balancer would:
// a session, a sign-in lock and an AI quota are one thing whichever replica answers, and a stream of
// feedback writes survives kill -9 of a replica and then of PostgreSQL itself, with a clear 503
// while the database is down and recovery without restarting the proxies.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "pg_cluster.h"
#include "proxy/activity_store.h"
#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;
using namespace std::chrono_literals;

namespace {

// Replicas over one test data set and one fresh database; the password reaches them only in
// PGPASSWORD, as an operator should give it.
struct Replicas {
    explicit Replicas(int count, const std::vector<std::string>& options = {}) {
        write_test_data(root.path() + "/data");
        std::vector<std::string> all = {"--store", url};
        all.insert(all.end(), options.begin(), options.end());
        for (int i = 0; i < count; ++i) {
            replicas.push_back(std::make_unique<ProxyProcess>(root.path(), all,
                                                              std::vector<std::string>{"PGPASSWORD=" + cluster.password()}));
        }
    }
    int port(int i) const { return replicas[static_cast<std::size_t>(i)]->port(); }
    std::unique_ptr<ActivityStore> store() const {
        return std::move(std::get<std::unique_ptr<ActivityStore>>(ActivityStore::open(cluster.with_password(url))));
    }

    PgCluster& cluster = PgCluster::shared();
    std::string url = cluster.fresh_database();
    TempDir root;
    std::vector<std::unique_ptr<ProxyProcess>> replicas;
};

nlohmann::json credentials(const std::string& user, const std::string& password) {
    return {{"username", user}, {"password", password}};
}

}  // namespace

TEST_CASE("a session started on one replica is known to the other, and a logout on either ends it",
          "[replicas][postgres]") {
    Replicas r(2);
    const std::string cookie = sign_in_at(r.port(0), "banker01");
    auto book = get_at(r.port(1), "/api/book", cookie);
    REQUIRE(book);
    CHECK(book->status == 200);
    CHECK(json_of(book)["customers"].size() == 2);
    CHECK(json_of(get_at(r.port(1), "/api/me", cookie))["username"] == "banker01");
    CHECK(get_at(r.port(1), "/api/book", "bank_session=forged")->status == 401);

    REQUIRE(post_at(r.port(1), "/api/logout", nlohmann::json::object(), cookie)->status == 200);
    CHECK(get_at(r.port(0), "/api/me", cookie)->status == 401);
    CHECK(get_at(r.port(1), "/api/me", cookie)->status == 401);
}

TEST_CASE("a sign-in lock earned on one replica holds on the other, and the failures are audited",
          "[replicas][postgres]") {
    Replicas r(2);
    for (int i = 0; i < 5; ++i) {
        CHECK(post_at(r.port(0), "/api/login", credentials("customer102", "guess-" + std::to_string(i)))->status == 401);
    }
    auto locked = post_at(r.port(1), "/api/login", credentials("customer102", password_of("customer102")));
    REQUIRE(locked);
    CHECK(locked->status == 429);
    CHECK(error_code(locked) == "too_many_attempts");
    CHECK(post_at(r.port(1), "/api/login", credentials("customer101", password_of("customer101")))->status == 200);

    int failed = 0;
    const auto trail = r.store()->audit_trail(100).value();
    for (const AuditRecord& a : trail) {
        if (a.action != "sign_in_failed") continue;
        ++failed;
        CHECK(a.actor == "customer102");
        CHECK(a.detail == "from 127.0.0.1");
        CHECK(a.detail.find("guess") == std::string::npos);
    }
    CHECK(failed == 5);
}

TEST_CASE("an AI quota spent on one replica is spent on the other, and signing in again does not refill it",
          "[replicas][postgres]") {
    Replicas r(2, {"--ai-rate", "3"});  // bursts of 5
    const nlohmann::json search = {{"product_id", "SAV-EASY"}};
    const std::string first = sign_in_at(r.port(0), "customer101");
    for (int i = 0; i < 3; ++i) CHECK(post_at(r.port(0), "/api/search", search, first)->status == 200);
    const std::string second = sign_in_at(r.port(1), "customer101");
    for (int i = 0; i < 2; ++i) CHECK(post_at(r.port(1), "/api/search", search, second)->status == 200);

    auto limited = post_at(r.port(1), "/api/search", search, second);
    REQUIRE(limited);
    CHECK(limited->status == 429);
    CHECK(std::stoi(limited->get_header_value("Retry-After")) >= 19);
    CHECK(post_at(r.port(0), "/api/search", search, first)->status == 429);
    CHECK(post_at(r.port(0), "/api/search", search, sign_in_at(r.port(0), "customer101"))->status == 429);
    CHECK(post_at(r.port(1), "/api/search", search, sign_in_at(r.port(1), "customer102"))->status == 200);
}

namespace {

// Feedback writers that, like a load balancer, move to the other replica when one stops answering.
class WriteStream {
public:
    WriteStream(const Replicas& r, std::string cookie) : replicas_(r), cookie_(std::move(cookie)) {
        for (int w = 0; w < 4; ++w) writers_.emplace_back([this, w] { write(w); });
    }
    ~WriteStream() { stop(); }
    void stop() {
        stopping_ = true;
        for (auto& t : writers_) {
            if (t.joinable()) t.join();
        }
    }
    // Waits (up to 20 s) until `more` further writes were acknowledged; false on timeout.
    bool acknowledged_more(std::size_t more) {
        std::size_t target;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            target = acknowledged_.size() + more;
        }
        for (int i = 0; i < 2000; ++i) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                if (acknowledged_.size() >= target) return true;
            }
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }
    // Answers other than 201 seen so far, by "status code" ("503 store_unavailable").
    std::map<std::string, int> refusals() {
        std::lock_guard<std::mutex> lock(mutex_);
        return refusals_;
    }
    std::set<std::int64_t> acknowledged() {
        std::lock_guard<std::mutex> lock(mutex_);
        return acknowledged_;
    }

private:
    void write(int writer) {
        int replica = writer % 2;
        const std::string body =
            nlohmann::json{{"customer_id", writer % 2 ? 101 : 102}, {"product_id", "SAV-EASY"}, {"event", "offered"}}
                .dump();
        while (!stopping_) {
            httplib::Client c = client_at(replicas_.port(replica));
            auto res = c.Post("/api/feedback", {{"Cookie", cookie_}}, body, "application/json");
            std::lock_guard<std::mutex> lock(mutex_);
            if (!res) {
                replica = 1 - replica;  // that replica is gone: the balancer sends us to the other
            } else if (res->status == 201) {
                acknowledged_.insert(nlohmann::json::parse(res->body)["id"].get<std::int64_t>());
            } else {
                ++refusals_[std::to_string(res->status) + " " + error_code(res)];
            }
            if (!res || res->status != 201) std::this_thread::sleep_for(5ms);
        }
    }

    const Replicas& replicas_;
    const std::string cookie_;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::set<std::int64_t> acknowledged_;
    std::map<std::string, int> refusals_;
    std::vector<std::thread> writers_;
};

}  // namespace

TEST_CASE("kill -9 of a replica, then of PostgreSQL, during a stream of writes: nothing acknowledged is lost",
          "[replicas][durability][postgres]") {
    Replicas r(2, {"--api-rate", "0"});  // every writer is on one address
    const std::string cookie = sign_in_at(r.port(0), "banker01");
    WriteStream stream(r, cookie);
    REQUIRE(stream.acknowledged_more(30));

    REQUIRE(r.replicas[0]->kill_now());
    REQUIRE(stream.acknowledged_more(30));  // the other replica carries on

    r.cluster.crash();
    const auto down_since = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(500ms);
    const auto while_down = stream.refusals();
    auto health = get_at(r.port(1), "/healthz");
    REQUIRE(health);
    CHECK(health->status == 503);
    const std::size_t acknowledged_while_down = stream.acknowledged().size();
    std::this_thread::sleep_for(200ms);
    CHECK(stream.acknowledged().size() == acknowledged_while_down);  // nothing is acknowledged unwritten

    r.cluster.restart();
    const auto restarted = std::chrono::steady_clock::now();
    REQUIRE(stream.acknowledged_more(1));  // the same proxy process, reconnected
    const auto recovered_after = std::chrono::steady_clock::now() - restarted;
    REQUIRE(stream.acknowledged_more(30));
    stream.stop();

    // While the database was down every refusal was a clear 503, and there were some.
    INFO("refusals: " << nlohmann::json(stream.refusals()).dump());
    CHECK(while_down.count("503 store_unavailable") == 1);
    for (const auto& [answer, count] : stream.refusals()) CHECK(answer == "503 store_unavailable");
    CHECK(get_at(r.port(1), "/healthz")->status == 200);
    CHECK(get_at(r.port(1), "/api/me", cookie)->status == 200);  // the session survived the crash too

    std::set<std::int64_t> stored;
    const auto found = r.store()->feedback_for({101, 102}, 1 << 30).value();
    for (const auto& f : found) stored.insert(f.id);
    std::vector<std::int64_t> lost;
    for (std::int64_t id : stream.acknowledged()) {
        if (!stored.count(id)) lost.push_back(id);
    }
    CHECK(lost.empty());
    CHECK(stream.acknowledged().size() >= 91);
    // For RELIABILITY.md: how long the outage was seen and how quickly writes came back.
    WARN("acknowledged " << stream.acknowledged().size() << ", stored " << stored.size() << ", lost " << lost.size()
                         << "; database down for "
                         << std::chrono::duration_cast<std::chrono::milliseconds>(restarted - down_since).count()
                         << " ms; writes acknowledged again "
                         << std::chrono::duration_cast<std::chrono::milliseconds>(recovered_after).count()
                         << " ms after it was back; refusals " << nlohmann::json(stream.refusals()).dump());
}
