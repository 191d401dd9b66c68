#include <catch2/catch.hpp>

#include <cmath>

#include "shared/ranking/behavior_model.h"
#include "test_rank_fixture.h"

using namespace bank;
using namespace bank::testing;

TEST_CASE("holder profiles: customers like a product's holders score higher", "[rank][behavior]") {
    // Feature 0 is high for holders of product 0 and low for holders of product 1.
    std::vector<FeatureRow> rows;
    std::vector<std::vector<int>> holdings;
    for (int i = 0; i < 20; ++i) {
        rows.push_back({{i < 10 ? 1.0f : 0.0f}, {1}});
        holdings.push_back({i < 10 ? 0 : 1});
    }
    // k = 1 here and below: groups of a few made-up customers, to test the arithmetic; the default
    // k = 20 publishes nothing about groups that small (test_behavior_privacy.cpp).
    const HolderProfiles hp = fit_holder_profiles(rows, holdings, 2, 1, 0.0f, 1);
    float high[2], low[2], unknown[2];
    hp.score_all(hp.standardize({{1.0f}, {1}}), high);
    hp.score_all(hp.standardize({{0.0f}, {1}}), low);
    hp.score_all(hp.standardize({{1.0f}, {0}}), unknown);
    CHECK(high[0] > high[1]);
    CHECK(low[1] > low[0]);
    CHECK(unknown[0] == 0.0f);
    CHECK(unknown[1] == 0.0f);
}

TEST_CASE("co-ownership: P(p | held) is smoothed toward popularity", "[rank][behavior]") {
    const std::vector<Product> catalog = small_catalog();
    const BehaviorModel m = fit_behavior_model(catalog, small_population(), {}, {}, 1);
    const std::size_t n = catalog.size();
    std::vector<float> scores(n);
    co_ownership_scores(m, {1}, scores.data());  // holds CARD-TRAVEL
    // 12 of 12 travel-card holders have travel insurance; smoothing keeps it below 1.
    CHECK(std::exp(scores[4]) < 1.0f);
    CHECK(std::exp(scores[4]) > 0.8f);
    // Nobody with the travel card has pet cover: small, never zero (no log of 0).
    CHECK(std::isfinite(scores[5]));
    CHECK(scores[5] < scores[4]);
    // Nothing held: the popularity prior.
    co_ownership_scores(m, {}, scores.data());
    CHECK(scores[0] > scores[5]);  // everyone has the basic account
    CHECK(strongest_co_owned(m, {0, 1}, 4) == 1);
    CHECK(strongest_co_owned(m, {0}, 5) == -1);  // the basic account does not raise pet cover
}

TEST_CASE("behavior model fit is deterministic and uses no gender", "[rank][behavior]") {
    std::vector<Customer> a = small_population(), b = small_population();
    for (std::size_t i = 0; i < b.size(); ++i) b[i].gender = i % 2 ? "Female" : "Male";
    const BehaviorModel ma = fit_behavior_model(small_catalog(), a, {}, {}, 1),
                        mb = fit_behavior_model(small_catalog(), b, {}, {}, 1);
    CHECK(ma.co_ownership == mb.co_ownership);
    CHECK(ma.context.lift == mb.context.lift);
    CHECK(ma.prior == mb.prior);
}

TEST_CASE("spending affinity: unknown merchant categories are ignored", "[rank][behavior]") {
    std::vector<Customer> people = small_population();
    SpendingByCustomer spending;
    for (const Customer& c : people) {
        const bool traveller = c.products_held.size() == 3 && c.products_held[1] == "CARD-TRAVEL";
        spending[c.id] = {{"Travel", 1, traveller ? 0.6 : 0.1}, {"Groceries", 1, traveller ? 0.4 : 0.9}};
    }
    const BehaviorModel m = fit_behavior_model(small_catalog(), people, spending, {}, 1);
    CHECK(m.merchant_categories == std::vector<std::string>{"Groceries", "Travel"});
    const Customer c = customer(1, 30, {});
    const CustomerFeatures f = customer_features(m, c, {{"Travel", 1, 0.7}, {"Casino", 1, 0.3}});
    std::vector<float> scores(m.product_ids.size());
    m.spending.score_all(f.spending, scores.data());
    CHECK(scores[1] > scores[5]);  // travel card over pet cover for a big travel spender
}
