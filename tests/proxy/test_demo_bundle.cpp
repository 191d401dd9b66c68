// The static demo's data bundle: the same documents the API sends one customer and one banker,
// nothing about anyone else, written whole or not at all.
#include <catch2/catch.hpp>

#include <filesystem>

#include "proxy/demo_bundle.h"
#include "proxy_fixture.h"
#include "shared/data/json.h"
#include "shared/ranking/behavior_model_json.h"

using namespace bank::proxy;
using namespace bank::proxy::test;

TEST_CASE("demo bundle: one customer's profile and one banker's book, as the API sends them", "[demo]") {
    TestProxy proxy;
    auto records = BankRecords::load(proxy.config().data_dir);
    REQUIRE(records);
    auto made = demo_bundle(records.value(), bank::RankingWeights{}, 101, "B01");
    REQUIRE(std::holds_alternative<nlohmann::json>(made));
    const auto& bundle = std::get<nlohmann::json>(made);

    const std::string cookie = proxy.sign_in("customer101");
    auto profile = proxy.get("/api/profile", cookie);
    REQUIRE(profile);
    CHECK(bundle["customer"]["profile"] == nlohmann::json::parse(profile->body));
    CHECK(bundle["customer"]["me"]["role"] == "customer");

    const std::string banker = proxy.sign_in("banker01");
    auto book = proxy.get("/api/book", banker);
    REQUIRE(book);
    CHECK(bundle["banker"]["book"] == nlohmann::json::parse(book->body));
    CHECK(bundle["banker"]["me"]["subject_id"] == "B01");

    auto catalog = proxy.get("/api/catalog");
    REQUIRE(catalog);
    CHECK(bundle["catalog"] == nlohmann::json::parse(catalog->body));
    CHECK(bank::behavior_model_from_json(bundle["ranking_model"]["behavior"], "bundle"));

    // Nobody outside banker01's book (103, 104: banker02; 105: banker03) is in it.
    const std::string text = bundle.dump();
    for (const char* other : {"Sam Doyle", "Mary Keane", "Nora Quinn"}) CHECK(text.find(other) == std::string::npos);
    CHECK(text.find("$argon2id$") == std::string::npos);
}

TEST_CASE("demo bundle: unknown ids are named, and a failed write leaves no file", "[demo]") {
    TestProxy proxy;
    auto records = BankRecords::load(proxy.config().data_dir);
    REQUIRE(records);
    auto no_customer = demo_bundle(records.value(), bank::RankingWeights{}, 999, "B01");
    REQUIRE(std::holds_alternative<std::string>(no_customer));
    CHECK(std::get<std::string>(no_customer) == "no customer with id 999 in customerdata.csv");
    auto no_banker = demo_bundle(records.value(), bank::RankingWeights{}, 101, "B99");
    REQUIRE(std::holds_alternative<std::string>(no_banker));
    CHECK(std::get<std::string>(no_banker) == "no banker with id 'B99' in bankers.csv");

    const std::string missing_dir = proxy.root() + "/no-such-folder/bundle.json";
    const std::string problem = write_demo_bundle({{"label", "x"}}, missing_dir);
    CHECK(problem.find("cannot write") == 0);
    CHECK_FALSE(std::filesystem::exists(missing_dir));
    CHECK_FALSE(std::filesystem::exists(missing_dir + ".partial"));

    const std::string good = proxy.root() + "/bundle.json";
    CHECK(write_demo_bundle({{"label", "x"}}, good).empty());
    CHECK(nlohmann::json::parse(read_file(good)) == nlohmann::json{{"label", "x"}});
}
