// The proxy<->browser wire format: field names and enum spellings, round trips, and decoding that
// refuses what the CSV loaders would refuse, with the field path in the message.
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "shared/data/json.h"
#include "shared/data/json_depth.h"

using namespace bank;
using nlohmann::json;

namespace {

Customer emma() {
    Customer c;
    c.id = 101;
    c.age = 28;
    c.gender = "Female";
    c.purchase_history = {"Electronics", "Books"};
    c.interests = {"Technology"};
    c.engagement = 85;
    c.sentiment = 0.7;
    c.social_activity = SocialActivity::High;
    c.name = "Emma \"Em\" Jansen";
    c.location = "Amsterdam";
    c.annual_income = 62000.5;
    c.credit_score = 720;
    c.risk_profile = RiskProfile::Moderate;
    c.products_held = {"ACC-CURRENT", "CARD-CASHBACK"};
    c.banker_id = "B01";
    return c;
}

Product cashback_card() {
    Product p;
    p.id = "CARD-CASHBACK";
    p.name = "Cashback Card";
    p.category = ProductCategory::Card;
    p.description = "Earns cashback.";
    p.features = {"1% back"};
    p.eligibility = {21, 75, 18000, 650, RiskLevel::Medium};
    p.annual_fee = 35;
    p.has_rate = true;
    p.rate = 19.9;
    p.link = "https://bank.example/card";
    p.image = "images/CARD-CASHBACK.png";
    return p;
}

std::string decode_error(const json& j) {
    const auto decoded = customer_from_json(j, "/api/profile");
    return decoded ? "" : decoded.error().message();
}

}  // namespace

TEST_CASE("json: field names are the struct's, enums are their to_string text", "[json]") {
    const json customer = emma();
    CHECK(customer.at("id") == 101);
    CHECK(customer.at("risk_profile") == "Moderate");
    CHECK(customer.at("social_activity") == "High");
    CHECK(customer.at("annual_income") == 62000.5);
    CHECK(customer.at("products_held") == json::array({"ACC-CURRENT", "CARD-CASHBACK"}));
    CHECK(customer.size() == 16);

    const json product = cashback_card();
    CHECK(product.at("category") == "card");
    CHECK(product.at("eligibility") == json{{"min_age", 21},
                                            {"max_age", 75},
                                            {"min_income", 18000.0},
                                            {"min_credit_score", 650},
                                            {"risk_level", "Medium"}});
    CHECK(product.at("has_rate") == true);
    CHECK(product.at("rate") == 19.9);

    Product no_rate = cashback_card();
    no_rate.has_rate = false;
    CHECK(json(no_rate).at("rate").is_null());

    CHECK(json(Banker{"B01", "Alice", "Amsterdam"}) ==
          json{{"id", "B01"}, {"name", "Alice"}, {"branch", "Amsterdam"}});
    CHECK(json(Transaction{101, "2025-01-03", -54.2, "Groceries"}) ==
          json{{"customer_id", 101},
               {"date", "2025-01-03"},
               {"amount", -54.2},
               {"merchant_category", "Groceries"}});
}

TEST_CASE("json: records survive a round trip through text", "[json]") {
    const json wire = json::parse(json{{"customer", emma()}, {"product", cashback_card()}}.dump());
    CHECK(json(customer_from_json(wire.at("customer"), "test").value()) == json(emma()));
    CHECK(json(product_from_json(wire.at("product"), "test").value()) == json(cashback_card()));

    Product no_rate = cashback_card();
    no_rate.has_rate = false;
    no_rate.rate = 0;
    const Product back = product_from_json(json(no_rate), "test").value();
    CHECK_FALSE(back.has_rate);

    const Banker banker = banker_from_json(json(Banker{"B01", "Alice", "Amsterdam"}), "test").value();
    CHECK(banker.branch == "Amsterdam");
    const Transaction t = transaction_from_json(json(Transaction{101, "2024-02-29", -54.2, "Groceries"}), "test").value();
    CHECK(t.date == "2024-02-29");
    CHECK(t.amount == -54.2);
}

TEST_CASE("json: extra fields are ignored, so the proxy may add to a record", "[json]") {
    json customer = emma();
    customer["transaction_summary"] = {{"Groceries", -54.2}};
    CHECK(decode_error(customer).empty());
}

TEST_CASE("json: decoding names the field, the value and what was expected", "[json]") {
    json customer = emma();
    customer["risk_profile"] = "Bold";
    CHECK(decode_error(customer) ==
          "/api/profile, field risk_profile: 'Bold' is not a known risk profile "
          "(expected one of Conservative, Moderate, Aggressive)");
    customer = emma();
    customer["age"] = 150;
    CHECK(decode_error(customer) == "/api/profile, field age: '150' is out of range (expected 18-120)");
    customer["age"] = 28.5;
    CHECK(decode_error(customer) ==
          "/api/profile, field age: '28.5' is not a whole number (expected 18-120)");
    customer["age"] = "28";
    CHECK(decode_error(customer) ==
          "/api/profile, field age: '\"28\"' is not a whole number (expected 18-120)");
    customer = emma();
    customer.erase("banker_id");
    CHECK(decode_error(customer) ==
          "/api/profile, field banker_id: the field is missing (expected a string)");
    customer = emma();
    customer["name"] = "";
    CHECK(decode_error(customer) ==
          "/api/profile, field name: the value is missing (expected the customer's name)");
    customer = emma();
    customer["products_held"] = {"ACC-CURRENT", 7};
    CHECK(decode_error(customer) ==
          "/api/profile, field products_held: '7' is not a non-empty string (expected a list of non-empty "
          "strings)");
    customer["products_held"] = {"acc-current"};
    CHECK(decode_error(customer) ==
          "/api/profile, field products_held: 'acc-current' is not a product id "
          "(expected capital letters, digits and '-', such as CARD-CASHBACK)");
    customer = emma();
    customer["sentiment"] = std::numeric_limits<double>::quiet_NaN();
    CHECK(decode_error(customer) ==
          "/api/profile, field sentiment: 'null' is not a finite number (expected -1 to 1)");
    customer = emma();
    customer["id"] = std::numeric_limits<std::uint64_t>::max();
    CHECK(decode_error(customer) ==
          "/api/profile, field id: '18446744073709551615' is out of range (expected 1 or more)");
    customer = emma();
    customer["gender"] = "M\x1b[2J";
    CHECK(decode_error(customer) ==
          "/api/profile, field gender: 'M\\x1B[2J' is not a known gender "
          "(expected one of Male, Female, Non-binary, Undisclosed)");
    CHECK(decode_error(json::array({1, 2})) ==
          "/api/profile: '[1,2]' is not a JSON object (expected an object with named fields)");
}

TEST_CASE("json: nested and typed product fields are checked like catalog.csv", "[json]") {
    json product = cashback_card();
    product["eligibility"]["max_age"] = 20;
    auto decoded = product_from_json(product, "/api/catalog");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().message() ==
          "/api/catalog, field eligibility.max_age: '20' is below Min Age (expected 21-120)");
    product = cashback_card();
    product.erase("eligibility");
    decoded = product_from_json(product, "/api/catalog");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().message() ==
          "/api/catalog, field eligibility.min_age: the field is missing (expected a whole number)");
    product = cashback_card();
    product["link"] = "javascript:alert(1)";
    decoded = product_from_json(product, "/api/catalog");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().field == "link");

    json transaction = Transaction{101, "2026-02-30", -5, "Groceries"};
    const auto t = transaction_from_json(transaction, "/api/book");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().message() ==
          "/api/book, field date: '2026-02-30' is not a real calendar date "
          "(expected a real date as YYYY-MM-DD; 2026-02 has 28 days)");
}

TEST_CASE("json: a list reports the index of the record that failed", "[json]") {
    json customers = json::array({emma(), emma()});
    customers[1]["credit_score"] = 900;
    const auto decoded = list_from_json<Customer>(customers, "/api/book", customer_from_json);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().message() ==
          "/api/book, field [1].credit_score: '900' is out of range (expected 300-850)");
    CHECK(list_from_json<Customer>(json::object(), "/api/book", customer_from_json).error().message() ==
          "/api/book: is not a JSON array (expected a list of records)");
    const auto fine = list_from_json<Customer>(json::array({emma()}), "/api/book", customer_from_json);
    REQUIRE(fine.ok());
    CHECK(fine.value().size() == 1);
}

TEST_CASE("JSON from outside is read only up to a bounded depth", "[json][bad-input]") {
    const auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    // Documents shaped like the API's answers are read whole.
    CHECK_FALSE(parse_json_within_depth(R"({"banker": {"book": {"customers": [{"held": ["card"]}]}}})").is_discarded());
    CHECK_FALSE(parse_json_within_depth(nested(kMaxJsonDepth)).is_discarded());
    CHECK(parse_json_within_depth(nested(kMaxJsonDepth + 1)).is_discarded());
    // Two million levels in 4 MB: refused without recursing (the test would crash, not fail).
    CHECK(parse_json_within_depth(R"({"weights":)" + nested(2'000'000) + "}").is_discarded());
    CHECK(parse_json_within_depth("{\"weights\": ").is_discarded());
    CHECK(parse_json_within_depth("[1, 2]", 1).get<std::vector<int>>() == std::vector<int>{1, 2});
    // Brackets inside strings are text, not nesting, escaped quotes and backslashes included.
    const std::string in_strings = R"(["[[[{{", "a \"[[\" b", "\\", "]]", {"[": "{"}])";
    CHECK(parse_json_within_depth(in_strings, 2).size() == 5);
    CHECK(parse_json_within_depth(in_strings, 1).is_discarded());
}
