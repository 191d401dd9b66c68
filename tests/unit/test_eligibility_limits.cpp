// "An empty limit is no limit" (EVALUATION.md, "Input format"): a public dataset's catalog leaves
// most limits empty, and an empty min_age must not quietly turn into 18, or every child holding a
// junior account in the data would be offered nothing.
#include <catch2/catch.hpp>

#include <algorithm>

#include "shared/ranking/eligibility.h"
#include "train/evaluation/generic_format.h"
#include "test_rank_fixture.h"

using namespace bank;

namespace {

// Three products a bank could list: an everyday account with no limits at all, a junior account
// that ends at 17, and a card from 18.
const std::string kCatalog =
    "product_id,name,category,description,min_age,max_age,min_income,min_credit_score,risk_level\n"
    "EVERYDAY,Everyday account,account,an everyday current account,,,,,\n"
    "JUNIOR,Junior account,account,a savings account for children,,17,,,\n"
    "CARD,Credit card,card,a credit card for everyday spending,18,,,,\n";
const std::string kCustomers = "customer_id,age\n1,12\n2,40\n3,125\n4,30\n5,45\n";
const std::string kHoldings = "customer_id,product_id\n2,EVERYDAY\n2,CARD\n4,CARD\n5,CARD\n";

EvalData generic_bank() {
    auto d = parse_eval_data(
        {{kCustomers, "customers.csv"}, {kHoldings, "holdings.csv"}, {kCatalog, "catalog.csv"}, {"", ""}});
    REQUIRE(d.ok());
    return d.value();
}

const Product& find(const EvalData& d, const std::string& id) {
    return *std::find_if(d.catalog.begin(), d.catalog.end(), [&](const Product& p) { return p.id == id; });
}

}  // namespace

TEST_CASE("limits: an empty limit in the generic catalog is no limit", "[rank][rules][format]") {
    const EvalData d = generic_bank();
    const Customer& child = d.customers[0];
    REQUIRE(child.age == 12);
    REQUIRE(d.known[0].age);
    CHECK_FALSE(failed_rule(child, find(d, "EVERYDAY"), d.known[0]).has_value());
    CHECK_FALSE(failed_rule(child, find(d, "JUNIOR"), d.known[0]).has_value());
    CHECK(failed_rule(child, find(d, "CARD"), d.known[0]) == EligibilityRule::MinimumAge);

    const Customer& adult = d.customers[1];
    CHECK(failed_rule(adult, find(d, "JUNIOR"), d.known[1]) == EligibilityRule::MaximumAge);
    // No upper bound means none: the generic format allows ages up to 130.
    const Customer& oldest = d.customers[2];
    CHECK_FALSE(failed_rule(oldest, find(d, "EVERYDAY"), d.known[2]).has_value());
    CHECK_FALSE(failed_rule(oldest, find(d, "CARD"), d.known[2]).has_value());
}

TEST_CASE("limits: a product left at its default limits excludes no one", "[rank][rules]") {
    Product open;
    open.id = "OPEN";
    Customer c;
    for (int age : {0, 12, 17, 18, 65, 130}) {
        c.age = age;
        CHECK_FALSE(failed_rule(c, open).has_value());
    }
}

TEST_CASE("limits: a 12-year-old is offered the open and junior products, told why not the card",
          "[rank][rules][format]") {
    const EvalData d = generic_bank();
    std::vector<Customer> population;
    for (std::int64_t id = 100; id < 110; ++id) {
        population.push_back(testing::customer(id, 40, {"EVERYDAY", "CARD"}));
    }
    const testing::SmallBank bank = testing::small_bank(d.catalog, population);
    CustomerToRank input;
    input.customer = &d.customers[0];
    input.known = d.known[0];
    auto result = rank_customer(bank.catalog, bank.model, RankingWeights{}, input);
    REQUIRE(result.ok());
    std::vector<std::string> offered = testing::ids(result.value());
    std::sort(offered.begin(), offered.end());
    CHECK(offered == std::vector<std::string>{"EVERYDAY", "JUNIOR"});
    REQUIRE(result.value().exclusions.size() == 1);
    const Exclusion& why_not = result.value().exclusions[0];
    CHECK(why_not.product_id == "CARD");
    CHECK(why_not.rule == EligibilityRule::MinimumAge);
    CHECK(why_not.text == "The Credit card is for customers aged 18 or over");
}

TEST_CASE("limits: explanations of open-ended limits", "[rank][rules]") {
    Product junior;
    junior.eligibility.max_age = 17;
    CHECK(explain_rule(EligibilityRule::MaximumAge, junior) == "is for customers aged 17 or under");
    Product adult;
    adult.eligibility.min_age = 18;
    CHECK(explain_rule(EligibilityRule::MinimumAge, adult) == "is for customers aged 18 or over");
}
