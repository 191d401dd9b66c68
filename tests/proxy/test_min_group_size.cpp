// --min-group-size: the operator's k, the fewest distinct customers behind any number in
// GET /api/ranking-model. Checked before anything listens, and carried into the model the proxy
// serves and the demo bundle it exports.
#include <catch2/catch.hpp>

#include "proxy/demo_bundle.h"
#include "proxy/proxy_config.h"
#include "proxy_fixture.h"
#include "shared/ranking/behavior_model_json.h"

using namespace bank::proxy;
using namespace bank::proxy::test;

namespace {

std::string problem_with(const std::vector<std::string>& args) {
    auto parsed = parse_command_line(args);
    return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : std::string();
}

bank::BehaviorModel served_model(TestProxy& proxy) {
    auto r = proxy.get("/api/ranking-model", proxy.sign_in("customer101"));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto model = bank::behavior_model_from_json(json_of(r).at("behavior"), "/api/ranking-model");
    REQUIRE(model);
    return std::move(model).value();
}

}  // namespace

TEST_CASE("option --min-group-size: a whole number of at least 1, default 20", "[privacy][config]") {
    auto serve = parse_command_line({});
    REQUIRE(std::holds_alternative<Command>(serve));
    CHECK(std::get<ServeCommand>(std::get<Command>(serve)).config.min_group_size == 20);

    auto set = parse_command_line({"--min-group-size", "50"});
    REQUIRE(std::holds_alternative<Command>(set));
    CHECK(std::get<ServeCommand>(std::get<Command>(set)).config.min_group_size == 50);

    for (const char* bad : {"0", "-5", "2.5", "twenty", "", "1e3", "100000001"}) {
        INFO("--min-group-size '" << bad << "'");
        const std::string problem = problem_with({"--min-group-size", bad});
        CHECK_THAT(problem, Catch::StartsWith("option --min-group-size: '" + std::string(bad) +
                                              "' is not a whole number of customers from 1 to"));
    }
    CHECK(problem_with({"--min-group-size"}) == "option --min-group-size needs a value");

    auto demo = parse_command_line({"export-demo", "--out", "b.json", "--min-group-size", "7"});
    REQUIRE(std::holds_alternative<Command>(demo));
    CHECK(std::get<ExportDemoCommand>(std::get<Command>(demo)).config.min_group_size == 7);
    CHECK(std::get<ExportDemoCommand>(std::get<Command>(parse_command_line({"export-demo", "--out", "b"})))
              .config.min_group_size == 20);
    CHECK_THAT(problem_with({"export-demo", "--out", "b.json", "--min-group-size", "0"}),
               Catch::StartsWith("export-demo: --min-group-size '0' is not a whole number of customers"));
}

// The test data has five customers: under the default k = 20 nothing about them may be published;
// with k = 1 (nothing held back) the served model carries their true counts.
TEST_CASE("option --min-group-size reaches the served model and the demo bundle", "[privacy][config]") {
    SECTION("default: five customers are fewer than k, so the model says nothing about them") {
        TestProxy proxy;
        CHECK(proxy.config().min_group_size == 20);
        const bank::BehaviorModel m = served_model(proxy);
        CHECK(m.min_group_size == 20);
        for (std::size_t p = 0; p < m.product_ids.size(); ++p) {
            INFO(m.product_ids[p]);
            CHECK(m.holders[p] == 0);
            CHECK(m.prior[p] == 0.5f);  // not even the number of customers
            const std::size_t n = m.product_ids.size();
            for (std::size_t h = 0; h < n; ++h) CHECK(m.co_ownership[h * n + p] == 0.5f);
            CHECK(m.context.half_square[p] == 0.0f);
        }
        for (float s : m.context.scale) CHECK(s == 0.0f);  // no all-customer mean over five people
        CHECK(m.merchant_categories.empty());
    }
    SECTION("k = 1: the true counts (ACC-CURRENT 4, SAV-EASY 1, INV-GROWTH 1 of 5)") {
        TestProxy proxy([](ProxyConfig& c) { c.min_group_size = 1; });
        const bank::BehaviorModel m = served_model(proxy);
        CHECK(m.min_group_size == 1);
        CHECK(m.holders == std::vector<int>{4, 0, 1, 1});
    }
    SECTION("the demo bundle is fit with the k it is given") {
        TestProxy proxy;
        auto records = BankRecords::load(proxy.config().data_dir);
        REQUIRE(records);
        for (int k : {1, 20}) {
            auto made = demo_bundle(records.value(), bank::RankingWeights{}, 101, "B01", k);
            REQUIRE(std::holds_alternative<nlohmann::json>(made));
            const auto& behavior = std::get<nlohmann::json>(made)["ranking_model"]["behavior"];
            CHECK(behavior["min_group_size"] == k);
            CHECK(behavior["holders"] == (k == 1 ? nlohmann::json{4, 0, 1, 1} : nlohmann::json{0, 0, 0, 0}));
        }
    }
}
