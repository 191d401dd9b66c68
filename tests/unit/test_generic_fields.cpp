// The customer fields a public bank dataset has and the project's own data does not: the bank's
// segment, months with the bank and its activity flag (EVALUATION.md, "Input format").
#include <catch2/catch.hpp>

#include "train/evaluation/generic_format.h"

using namespace bank;

namespace {

const std::string kCatalog = "product_id,name,category\nCARD,Card,card\n";
const std::string kHoldings = "customer_id,product_id\n1,CARD\n";

Loaded<EvalData> parse_customers(const std::string& customers) {
    return parse_eval_data(
        {{customers, "customers.csv"}, {kHoldings, "holdings.csv"}, {kCatalog, "catalog.csv"}, {"", ""}});
}

std::string error_of(const std::string& customers) {
    auto d = parse_customers(customers);
    return d.ok() ? std::string("ok") : d.error().message();
}

}  // namespace

TEST_CASE("generic fields: segment, tenure and activity fill the customer and are reported",
          "[eval][format]") {
    auto d = parse_customers(
        "customer_id,segment,tenure_months,active\n"
        "1,02 - PARTICULARES,35,1\n"
        "2,,,\n"
        "3,01 - TOP,0,0\n");
    REQUIRE(d.ok());
    const EvalData& e = d.value();
    CHECK(e.customers[0].segment == "02 - PARTICULARES");
    CHECK(e.customers[0].tenure_months == 35);
    CHECK(e.customers[0].active);
    CHECK(e.known[0].segment);
    CHECK(e.known[0].tenure);
    CHECK(e.known[0].activity);
    // Empty cells are unknown, not "no segment, new customer, inactive".
    CHECK_FALSE(e.known[1].segment);
    CHECK_FALSE(e.known[1].tenure);
    CHECK_FALSE(e.known[1].activity);
    // A known zero is still known.
    CHECK(e.customers[2].tenure_months == 0);
    CHECK_FALSE(e.customers[2].active);
    CHECK(e.known[2].tenure);
    CHECK(e.known[2].activity);
    // Nothing else became known along the way.
    CHECK_FALSE(e.known[0].age);
    CHECK_FALSE(e.known[0].income);
    CHECK_FALSE(e.known[0].credit_score);
    CHECK(e.available.present() == std::vector<std::string>{"segment", "tenure", "activity"});
}

TEST_CASE("generic fields: a file without the columns lists them as missing", "[eval][format]") {
    auto d = parse_customers("customer_id,age\n1,40\n");
    REQUIRE(d.ok());
    const auto missing = d.value().available.missing();
    for (const char* name : {"segment", "tenure", "activity"}) {
        CHECK(std::find(missing.begin(), missing.end(), name) != missing.end());
    }
    CHECK_FALSE(d.value().known[0].segment);
    CHECK_FALSE(d.value().known[0].tenure);
    CHECK_FALSE(d.value().known[0].activity);
}

TEST_CASE("generic fields: the project's own data knows none of them", "[eval][format]") {
    const KnownFields project;
    CHECK(project.age);
    CHECK_FALSE(project.segment);
    CHECK_FALSE(project.tenure);
    CHECK_FALSE(project.activity);
    const KnownFields none = KnownFields::none();
    CHECK_FALSE(none.age);
    CHECK_FALSE(none.social_activity);
    CHECK_FALSE(none.activity);
}

TEST_CASE("generic fields: bad cells name the file, line, column, value and what was expected",
          "[eval][format][bad-input]") {
    CHECK(error_of("customer_id,tenure_months\n1,abc\n") ==
          "customers.csv line 2, column tenure_months: 'abc' is not a whole number (expected 0-1200)");
    CHECK(error_of("customer_id,tenure_months\n1,1201\n") ==
          "customers.csv line 2, column tenure_months: '1201' is out of range (expected 0-1200)");
    CHECK(error_of("customer_id,tenure_months\n1,-3\n") ==
          "customers.csv line 2, column tenure_months: '-3' is out of range (expected 0-1200)");
    CHECK(error_of("customer_id,active\n1,1\n2,yes\n") ==
          "customers.csv line 3, column active: 'yes' is not 0 or 1 (expected 0 (inactive) or 1 (active))");
    CHECK(error_of("customer_id,active\n1,1.0\n") ==
          "customers.csv line 2, column active: '1.0' is not 0 or 1 (expected 0 (inactive) or 1 (active))");
}
