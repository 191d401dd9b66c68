#include <catch2/catch.hpp>

#include "shared/ranking/behavior_model_json.h"
#include "test_rank_fixture.h"

using bank::behavior_model_from_json;
using bank::behavior_model_to_json;

TEST_CASE("behavior model: JSON round trip keeps every statistic", "[ranking][json]") {
    const bank::BehaviorModel model = bank::testing::small_bank().model;
    const auto back = behavior_model_from_json(behavior_model_to_json(model), "/api/ranking-model");
    REQUIRE(back.ok());
    const bank::BehaviorModel& m = back.value();
    CHECK(m.product_ids == model.product_ids);
    CHECK(m.holders == model.holders);
    CHECK(m.prior == model.prior);
    CHECK(m.co_ownership == model.co_ownership);
    CHECK(m.merchant_categories == model.merchant_categories);
    CHECK(m.spending.lift == model.spending.lift);
    CHECK(m.context.scale == model.context.scale);
    CHECK(m.product_index.at(model.product_ids.back()) == static_cast<int>(model.product_ids.size()) - 1);
}

TEST_CASE("behavior model: a damaged answer is an error naming the field", "[ranking][json]") {
    const bank::BehaviorModel model = bank::testing::small_bank().model;
    nlohmann::json j = behavior_model_to_json(model);

    SECTION("truncated co-ownership matrix") {
        j["co_ownership"].erase(j["co_ownership"].size() - 1);
        const auto r = behavior_model_from_json(j, "/api/ranking-model");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("co_ownership has"));
        CHECK_THAT(r.error().message, Catch::StartsWith("/api/ranking-model: behavioral model"));
    }
    SECTION("a prior of zero would make log P(p) infinite") {
        j["prior"][0] = 0.0;
        CHECK_THAT(behavior_model_from_json(j, "x").error().message, Catch::Contains("prior"));
    }
    SECTION("duplicate product ids") {
        j["product_ids"][1] = j["product_ids"][0];
        CHECK_THAT(behavior_model_from_json(j, "x").error().message, Catch::Contains("duplicates"));
    }
    SECTION("spending profile of the wrong width") {
        j["spending"]["features"] = model.merchant_categories.size() + 1;
        CHECK_FALSE(behavior_model_from_json(j, "x").ok());
    }
    SECTION("not an object at all") {
        CHECK_FALSE(behavior_model_from_json(nlohmann::json::array(), "x").ok());
    }
}
