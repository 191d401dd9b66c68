// The group statistics published inside the propensity model: every number rests on at least k
// customers, smaller groups fall back to their parent, and the file round-trips exactly (the
// features the browser computes must equal those the model was trained on).
#include <catch2/catch.hpp>

#include <cmath>

#include "shared/ranking/propensity/propensity_priors.h"
#include "test_rank_fixture.h"

using namespace bank;

namespace {

// 30 customers: everyone holds product 0, 24 hold product 1 as well, only two hold product 2.
std::vector<PriorInput> population() {
    std::vector<PriorInput> people;
    for (int i = 0; i < 30; ++i) {
        PriorInput p;
        p.held = {0};
        if (i < 24) p.held.push_back(1);
        if (i < 2) p.held.push_back(2);
        p.segment = i < 25 ? "retail" : "private";
        p.age_band = 3;
        people.push_back(p);
    }
    return people;
}

std::vector<Product> three_products() {
    auto all = testing::small_catalog();
    return {all[0], all[1], all[2]};
}

}  // namespace

TEST_CASE("priors: a product held by fewer than k customers publishes no rate of its own") {
    const PropensityPriors pr = fit_propensity_priors(three_products(), population(), 5);
    CHECK(pr.popularity[0] == Approx(1.0));
    CHECK(pr.popularity[1] == Approx(24.0 / 30));
    // Two holders: the pool of rare products is itself under k, so nothing is said about it.
    CHECK(pr.popularity[2] == 0.0f);
    // P(product 2 | holds product 0) would be 2/30: it falls back to the (published) popularity.
    CHECK(pr.co_ownership[0 * 3 + 2] == pr.popularity[2]);
}

TEST_CASE("priors: a group whose complement is smaller than k falls back, so no subtraction isolates it") {
    // 24 of the 30 holders of product 0 hold product 1; the 6 who do not are a group >= 5, so
    // P(1 | 0) may be published. With k = 7 the 6 would be exposed by 30 - 24: it falls back.
    const PropensityPriors k5 = fit_propensity_priors(three_products(), population(), 5);
    CHECK(k5.co_ownership[0 * 3 + 1] == Approx(24.0 / 30));
    const PropensityPriors k7 = fit_propensity_priors(three_products(), population(), 7);
    CHECK(k7.co_ownership[0 * 3 + 1] == k7.popularity[1]);
    // The bank-wide rate stays: its complement, the customers without the product, is a count of
    // "does not hold", not a statistic of anyone's data (docs/API.md, "What a published model can reveal").
    CHECK(k7.popularity[1] == Approx(24.0 / 30));
}

TEST_CASE("priors: a segment smaller than k is not named; the age band stands in for it") {
    const PropensityPriors pr = fit_propensity_priors(three_products(), population(), 6);
    CHECK(pr.segment_age.count("retail") == 0);  // 25 retail but only 5 private: 30 - 25 < 6
    CHECK(pr.segment_age.count("private") == 0);
    CHECK(pr.peer_popularity("retail", 3, 1) == pr.age_band[3 * 3 + 1]);
    const PropensityPriors k5 = fit_propensity_priors(three_products(), population(), 5);
    REQUIRE(k5.segment_age.count("retail") == 1);
    CHECK(k5.peer_popularity("retail", 3, 0) == Approx(1.0));  // all 25 retail customers hold it
    // 24 of the 25 hold product 1: publishing 24/25 would say one retail customer lacks it.
    CHECK(k5.peer_popularity("retail", 3, 1) == k5.age_band[3 * 3 + 1]);
}

TEST_CASE("priors: the JSON text round-trips every value exactly") {
    const PropensityPriors pr = fit_propensity_priors(three_products(), population(), 5);
    auto back = parse_propensity_priors(propensity_priors_json(pr));
    REQUIRE(back.ok());
    CHECK(back.value().popularity == pr.popularity);
    CHECK(back.value().co_ownership == pr.co_ownership);
    CHECK(back.value().age_band == pr.age_band);
    CHECK(back.value().segment_age == pr.segment_age);
    CHECK(back.value().min_group_size == 5);
}

TEST_CASE("priors: a malformed table is refused with what is wrong") {
    CHECK(parse_propensity_priors("[").error().message == "priors: not JSON, or nested too deeply");
    const std::string bad = R"({"min_group_size":20,"product_ids":["A","B"],"popularity":[0.5],
        "co_ownership":[[0,0],[0,0]],"age_band":[],"segment_age":{}})";
    CHECK(parse_propensity_priors(bad).error().message.find("popularity") != std::string::npos);
    const std::string nan = R"({"min_group_size":20,"product_ids":["A"],"popularity":[2],
        "co_ownership":[[0]],"age_band":[[0],[0],[0],[0],[0],[0],[0]],"segment_age":{}})";
    CHECK(parse_propensity_priors(nan).error().message.find("not a share") != std::string::npos);
}
