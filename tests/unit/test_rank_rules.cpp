#include <catch2/catch.hpp>

#include "shared/ranking/eligibility.h"
#include "test_rank_fixture.h"

using namespace bank;
using bank::testing::customer;
using bank::testing::product;

TEST_CASE("eligibility: each catalog limit excludes with its own rule", "[rank][rules]") {
    const Customer c = customer(1, 25, {}, 30000, RiskProfile::Conservative, 600);
    CHECK_FALSE(failed_rule(c, product("P", ProductCategory::Card, "")).has_value());
    CHECK(failed_rule(c, product("P", ProductCategory::Card, "", 0, RiskLevel::Low, 30)) ==
          EligibilityRule::MinimumAge);
    CHECK(failed_rule(c, product("P", ProductCategory::Card, "", 0, RiskLevel::Low, 18, 24)) ==
          EligibilityRule::MaximumAge);
    CHECK(failed_rule(c, product("P", ProductCategory::Card, "", 40000)) == EligibilityRule::MinimumIncome);
    CHECK(failed_rule(c, product("P", ProductCategory::Card, "", 0, RiskLevel::Low, 18, 120, 650)) ==
          EligibilityRule::MinimumCreditScore);
    CHECK(failed_rule(c, product("P", ProductCategory::Investment, "", 0, RiskLevel::Medium)) ==
          EligibilityRule::RiskSuitability);
}

TEST_CASE("eligibility: limits at the boundary pass", "[rank][rules]") {
    const Customer c = customer(1, 30, {}, 40000, RiskProfile::Moderate, 650);
    CHECK_FALSE(failed_rule(c, product("P", ProductCategory::Card, "", 40000, RiskLevel::Medium, 30, 30, 650))
                    .has_value());
}

TEST_CASE("eligibility: risk levels follow the schema's suitability table", "[rank][rules]") {
    CHECK(risk_suitable(RiskProfile::Conservative, RiskLevel::Low));
    CHECK_FALSE(risk_suitable(RiskProfile::Conservative, RiskLevel::Medium));
    CHECK_FALSE(risk_suitable(RiskProfile::Conservative, RiskLevel::High));
    CHECK(risk_suitable(RiskProfile::Moderate, RiskLevel::Medium));
    CHECK_FALSE(risk_suitable(RiskProfile::Moderate, RiskLevel::High));
    CHECK(risk_suitable(RiskProfile::Aggressive, RiskLevel::High));
}

TEST_CASE("eligibility: a rule whose customer field is unknown is not applied", "[rank][rules]") {
    Customer c = customer(1, 0, {}, 0, RiskProfile::Conservative, 0);
    KnownFields unknown = KnownFields::none();
    CHECK_FALSE(
        failed_rule(c, product("P", ProductCategory::Investment, "", 90000, RiskLevel::High, 25, 60, 700),
                    unknown)
            .has_value());
    unknown.income = true;
    CHECK(failed_rule(c, product("P", ProductCategory::Investment, "", 90000), unknown) ==
          EligibilityRule::MinimumIncome);
}

TEST_CASE("eligibility: explanations name the limit in customer words", "[rank][rules]") {
    const Product p = product("P", ProductCategory::Card, "", 60000, RiskLevel::High, 21, 65, 700);
    CHECK(explain_rule(EligibilityRule::MinimumIncome, p) == "needs an annual income of at least 60,000 EUR");
    CHECK(explain_rule(EligibilityRule::MinimumAge, p) == "is for customers aged 21 to 65");
    Product open_ended = p;
    open_ended.eligibility.min_age = 60;
    open_ended.eligibility.max_age = 120;
    CHECK(explain_rule(EligibilityRule::MinimumAge, open_ended) == "is for customers aged 60 or over");
    CHECK(explain_rule(EligibilityRule::MinimumCreditScore, p) == "needs a credit score of at least 700");
    CHECK_THAT(explain_rule(EligibilityRule::RiskSuitability, p), Catch::Contains("high investment risk"));
}
