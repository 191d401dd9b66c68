// The behavioural model's minimum group size k, at the core: on a small generated bank with k = 3,
// nothing the model publishes rests on fewer than 3 customers, and the subtraction attacks that
// work with k = 1 (nothing held back) recover nothing. The same attack over HTTP against the proxy
// and the bundled data: tests/proxy/test_model_privacy.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "shared/ranking/behavior_model.h"
#include "shared/ranking/behavior_model_json.h"
#include "test_rank_fixture.h"

using namespace bank;

namespace {

constexpr int kK = 3;

// BIG: customers 0-5. NEAR: 1-5, BIG minus one customer (the differencing target, customer 0).
// PAIR: 6 and 7. SOLO: 8. NONE: nobody. ALMOST: everyone but customer 11.
// Everyone has a distinct income, credit score, engagement and sentiment, and spends on
// Groceries and Rent; only customers 6 and 7 also spend on Casino.
const std::vector<std::string> kProducts = {"BIG", "NEAR", "PAIR", "SOLO", "NONE", "ALMOST"};
constexpr int kCustomers = 12;

std::vector<Product> catalog() {
    std::vector<Product> out;
    for (const std::string& id : kProducts) out.push_back(testing::product(id, ProductCategory::Account, id));
    return out;
}

std::vector<Customer> generated_customers() {
    std::vector<Customer> out;
    for (int i = 0; i < kCustomers; ++i) {
        std::vector<std::string> held;
        if (i <= 5) held.push_back("BIG");
        if (i >= 1 && i <= 5) held.push_back("NEAR");
        if (i == 6 || i == 7) held.push_back("PAIR");
        if (i == 8) held.push_back("SOLO");
        if (i != 11) held.push_back("ALMOST");
        Customer c = testing::customer(100 + i, 25 + 3 * i, held, 20000 + 7919.0 * ((i * 5) % kCustomers),
                                       i % 3 == 0 ? RiskProfile::Conservative : RiskProfile::Aggressive,
                                       560 + 23 * ((i * 7) % kCustomers));
        c.engagement = 10 + (i * 37) % 90;
        c.sentiment = -0.9 + 0.15 * ((i * 5) % kCustomers);
        out.push_back(c);
    }
    return out;
}

SpendingByCustomer generated_spending() {
    SpendingByCustomer s;
    for (int i = 0; i < kCustomers; ++i) {
        const double rent = 0.2 + 0.05 * i;
        if (i == 6 || i == 7) {
            s[100 + i] = {{"Rent", 1, rent}, {"Groceries", 1, 0.7 - rent}, {"Casino", 1, 0.3}};
        } else {
            s[100 + i] = {{"Rent", 1, rent}, {"Groceries", 1, 1 - rent}};
        }
    }
    return s;
}

BehaviorModel fit(int k) { return fit_behavior_model(catalog(), generated_customers(), generated_spending(), {}, k); }

std::size_t at(const BehaviorModel& m, const std::string& id) { return static_cast<std::size_t>(m.product_index.at(id)); }

// Every feature of a product's profile (context and spending) that differs from "no evidence".
int informative(const BehaviorModel& m, const std::string& id) {
    const std::size_t p = at(m, id), n = m.product_ids.size();
    int count = 0;
    for (const HolderProfiles* hp : {&m.context, &m.spending}) {
        for (std::size_t k = 0; k < hp->features; ++k) count += hp->lift[k * n + p] != 0.0f;
        count += hp->half_square[p] != 0.0f;
    }
    return count;
}

// The summed standardized credit score of a product's holders, as anyone with the model can
// compute it: lift * (holders + shrinkage), with the published holder count.
double credit_sum(const BehaviorModel& m, const std::string& id, int holders) {
    const std::size_t n = m.product_ids.size();
    return m.context.lift[kContextCreditScore * n + at(m, id)] * (holders + kProfileShrinkage);
}

// A standardized credit score turned back into points.
double credit_points(const BehaviorModel& m, double z) {
    return (z * m.context.scale[kContextCreditScore] + m.context.mean[kContextCreditScore]) * 850;
}

double own_credit_z(const BehaviorModel& m, const Customer& c) {
    return customer_features(m, c, {}).context.values[kContextCreditScore];
}

}  // namespace

TEST_CASE("privacy k=3: one holder of a two-holder product cannot subtract out the other", "[rank][privacy]") {
    const std::vector<Customer> people = generated_customers();
    const Customer& attacker = people[6];
    const Customer& victim = people[7];

    // With nothing held back (k = 1) the attack recovers the other holder's exact credit score:
    // the reason this test exists.
    const BehaviorModel open = fit(1);
    CHECK(open.holders[at(open, "PAIR")] == 2);
    const double recovered = credit_points(open, credit_sum(open, "PAIR", 2) - own_credit_z(open, attacker));
    CHECK(recovered == Approx(victim.credit_score).margin(0.01));

    // With k = 3 the product's profile is the all-customer mean: the same arithmetic returns the
    // mirror image of the attacker's own score around the mean, not the victim's.
    const BehaviorModel m = fit(kK);
    CHECK(informative(m, "PAIR") == 0);
    const double guessed = credit_points(m, credit_sum(m, "PAIR", 2) - own_credit_z(m, attacker));
    CHECK(std::abs(guessed - victim.credit_score) > 5);
}

TEST_CASE("privacy k=3: two published groups never differ by fewer than k customers", "[rank][privacy]") {
    const std::vector<Customer> people = generated_customers();
    // k = 1: BIG (6 holders) minus NEAR (5 of them) is customer 0 alone.
    const BehaviorModel open = fit(1);
    const double isolated = credit_points(open, credit_sum(open, "BIG", 6) - credit_sum(open, "NEAR", 5));
    CHECK(isolated == Approx(people[0].credit_score).margin(0.01));

    const BehaviorModel m = fit(kK);
    CHECK(informative(m, "BIG") > 0);   // the larger group is published,
    CHECK(informative(m, "NEAR") == 0); // the one only 1 customer away from it is not,
    CHECK(m.holders[at(m, "NEAR")] == 5);  // though its count (5 >= k) still is
    // ALMOST is everyone but customer 11: subtracting it from the all-customer mean would isolate 11.
    CHECK(informative(m, "ALMOST") == 0);
    CHECK(informative(open, "ALMOST") > 0);
}

TEST_CASE("privacy k=3: counts, popularity and co-ownership rest on at least k customers", "[rank][privacy]") {
    const BehaviorModel m = fit(kK);
    CHECK(m.min_group_size == kK);
    // At least k: the true count. Under k (PAIR 2, SOLO 1, NONE 0): their mean, round(3 / 3) = 1,
    // since 3 customers (6, 7, 8) hold one of them.
    CHECK(m.holders == std::vector<int>{6, 5, 1, 1, 1, 11});
    for (std::size_t p = 0; p < m.product_ids.size(); ++p) {
        CHECK(m.prior[p] == Approx((m.holders[p] + 0.5) / (kCustomers + 1.0)));
    }
    const std::size_t n = m.product_ids.size();
    const auto co = [&](const std::string& h, const std::string& p) { return m.co_ownership[at(m, h) * n + at(m, p)]; };
    // 5 hold BIG and NEAR: published, smoothed.
    CHECK(co("BIG", "NEAR") == Approx((5 + 2 * m.prior[at(m, "NEAR")]) / (6 + 2.0)));
    // 2 hold PAIR and ALMOST, 0 hold BIG and PAIR, PAIR's row rests on 2: popularity instead.
    CHECK(co("PAIR", "ALMOST") == m.prior[at(m, "ALMOST")]);
    CHECK(co("BIG", "PAIR") == m.prior[at(m, "PAIR")]);
    CHECK(co("SOLO", "SOLO") == m.prior[at(m, "SOLO")]);
    // And the "because you hold X" reason never points at a row that says nothing.
    CHECK(strongest_co_owned(m, {static_cast<int>(at(m, "PAIR"))}, static_cast<int>(at(m, "ALMOST"))) == -1);
}

TEST_CASE("privacy k=3: the pooled count needs k customers too; so does the customer base", "[rank][privacy]") {
    std::vector<Customer> people = generated_customers();
    // Only customer 8 (SOLO) holds a product under k now: too few to pool.
    for (Customer& c : people) {
        auto& held = c.products_held;
        held.erase(std::remove(held.begin(), held.end(), "PAIR"), held.end());
    }
    const BehaviorModel pooled_alone = fit_behavior_model(catalog(), people, {}, {}, kK);
    CHECK(pooled_alone.holders == std::vector<int>{6, 5, 0, 0, 0, 11});

    // Two customers are fewer than k: the model says nothing, not even how many customers there are.
    const std::vector<Customer> two(people.begin(), people.begin() + 2);
    const BehaviorModel tiny = fit_behavior_model(catalog(), two, generated_spending(), {}, kK);
    for (std::size_t p = 0; p < tiny.product_ids.size(); ++p) {
        CHECK(tiny.holders[p] == 0);
        CHECK(tiny.prior[p] == 0.5f);
    }
    for (float s : tiny.context.scale) CHECK(s == 0.0f);
    for (float mean : tiny.context.mean) CHECK(mean == 0.0f);
    CHECK(tiny.merchant_categories.empty());
}

TEST_CASE("privacy k=3: a merchant category fewer than k customers spend in is not published", "[rank][privacy]") {
    CHECK(fit(kK).merchant_categories == std::vector<std::string>{"Groceries", "Rent"});
    CHECK(fit(1).merchant_categories == std::vector<std::string>{"Casino", "Groceries", "Rent"});
    CHECK(fit(2).merchant_categories == std::vector<std::string>{"Casino", "Groceries", "Rent"});
}

TEST_CASE("privacy: k below 1 counts as 1; the default is 20", "[rank][privacy]") {
    const BehaviorModel zero = fit(0), one = fit(1);
    CHECK(zero.min_group_size == 1);
    CHECK(zero.holders == one.holders);
    CHECK(zero.context.lift == one.context.lift);
    CHECK(kDefaultMinGroupSize == 20);
    CHECK(fit_behavior_model(catalog(), generated_customers(), generated_spending()).min_group_size == 20);
}

TEST_CASE("privacy: the model's JSON states its k; a model without it still loads", "[rank][privacy][json]") {
    const BehaviorModel m = fit(kK);
    nlohmann::json j = behavior_model_to_json(m);
    CHECK(j.at("min_group_size") == kK);
    auto back = behavior_model_from_json(j, "x");
    REQUIRE(back.ok());
    CHECK(back.value().min_group_size == kK);
    CHECK(back.value().holders == m.holders);
    CHECK(back.value().co_ownership == m.co_ownership);

    j.erase("min_group_size");  // a model written before k was stated
    auto old = behavior_model_from_json(j, "x");
    REQUIRE(old.ok());
    CHECK(old.value().min_group_size == 0);
    CHECK(behavior_model_to_json(old.value()).contains("min_group_size") == false);

    for (const nlohmann::json& bad : {nlohmann::json(0), nlohmann::json(-3), nlohmann::json(2.5), nlohmann::json("20")}) {
        j["min_group_size"] = bad;
        auto r = behavior_model_from_json(j, "x");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("min_group_size"));
    }
}
