// What the loaders read when the input is right: every column lands in the right field, lists are
// split, optional values stay optional. Bad input is covered by the fixture cases
// (tests/data/loaders/cases/, run by test_loader_fixtures.cpp).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "shared/data/loaders.h"
#include "shared/data/value_text.h"
#include "shared/data/vocabulary.h"

using namespace bank;

namespace {

const char* const kCustomers =
    "Customer ID,Age,Gender,Purchase History,Interests,Engagement Score,Sentiment Score,"
    "Social Media Activity,Name,Location,Occupation,Annual Income,Credit Score,Risk Profile,Products "
    "Held,Banker ID\n"
    "101,28,Female,\"Electronics, Books\",\"Technology,Travel\",85,0.7,High,\"Emma \"\"Em\"\" "
    "Jansen\",Amsterdam,"
    "Software Engineer,62000.50,720,Moderate,ACC-CURRENT;CARD-CASHBACK,B01\n"
    "102,120,Undisclosed,,,0,-1,Low,Lucas,,,0,850,Aggressive,,B02\n";

const char* const kCatalog =
    "Product ID,Name,Category,Description,Features,Min Age,Max Age,Min Income,Min Credit Score,Risk Level,"
    "Annual Fee,Rate,Link,Image\n"
    "CARD-CASHBACK,Cashback Card,card,Earns cashback. Costs nothing.,1% back;No FX "
    "fee,21,75,18000,650,Medium,35,"
    "19.9,https://bank.example/card,images/CARD-CASHBACK.png\n"
    "ACC-CURRENT,Current Account,account,Daily banking. Free "
    "card.,,18,120,0,0,Low,0,,https://bank.example/acc,"
    "images/ACC-CURRENT.png\n";

const char* const kBankers = "Banker ID,Name,Branch\nB01,Alice,Amsterdam\nB02,Bram,Utrecht\n";
const char* const kTransactions =
    "Customer ID,Date,Amount,Merchant Category\n101,2024-02-29,-54.20,Groceries\n";

}  // namespace

TEST_CASE("loaders: every customer column lands in its field", "[loaders]") {
    const auto loaded = parse_customers(kCustomers, kCustomersFile);
    REQUIRE(loaded.ok());
    const std::vector<Customer>& customers = loaded.value();
    REQUIRE(customers.size() == 2);
    const Customer& emma = customers[0];
    CHECK(emma.id == 101);
    CHECK(emma.age == 28);
    CHECK(emma.gender == "Female");
    CHECK(emma.purchase_history == std::vector<std::string>{"Electronics", "Books"});
    CHECK(emma.interests == std::vector<std::string>{"Technology", "Travel"});
    CHECK(emma.engagement == 85);
    CHECK(emma.sentiment == Approx(0.7));
    CHECK(emma.social_activity == SocialActivity::High);
    CHECK(emma.name == "Emma \"Em\" Jansen");
    CHECK(emma.location == "Amsterdam");
    CHECK(emma.occupation == "Software Engineer");
    CHECK(emma.annual_income == Approx(62000.50));
    CHECK(emma.credit_score == 720);
    CHECK(emma.risk_profile == RiskProfile::Moderate);
    CHECK(emma.products_held == std::vector<std::string>{"ACC-CURRENT", "CARD-CASHBACK"});
    CHECK(emma.banker_id == "B01");

    const Customer& lucas = customers[1];  // every bound at its edge, every optional column empty
    CHECK(lucas.age == 120);
    CHECK(lucas.purchase_history.empty());
    CHECK(lucas.interests.empty());
    CHECK(lucas.engagement == 0);
    CHECK(lucas.sentiment == -1.0);
    CHECK(lucas.location.empty());
    CHECK(lucas.annual_income == 0.0);
    CHECK(lucas.credit_score == 850);
    CHECK(lucas.products_held.empty());
}

TEST_CASE("loaders: a product's eligibility, features and optional rate", "[loaders]") {
    const auto loaded = parse_catalog(kCatalog, kCatalogFile);
    REQUIRE(loaded.ok());
    const Product& card = loaded.value()[0];
    CHECK(card.id == "CARD-CASHBACK");
    CHECK(card.category == ProductCategory::Card);
    CHECK(card.features == std::vector<std::string>{"1% back", "No FX fee"});
    CHECK(card.eligibility.min_age == 21);
    CHECK(card.eligibility.max_age == 75);
    CHECK(card.eligibility.min_income == 18000.0);
    CHECK(card.eligibility.min_credit_score == 650);
    CHECK(card.eligibility.risk_level == RiskLevel::Medium);
    CHECK(card.annual_fee == 35.0);
    CHECK(card.has_rate);
    CHECK(card.rate == Approx(19.9));
    CHECK(card.link == "https://bank.example/card");
    CHECK(card.image == "images/CARD-CASHBACK.png");

    const Product& account = loaded.value()[1];
    CHECK_FALSE(account.has_rate);
    CHECK(account.features.empty());
    CHECK(account.eligibility.min_credit_score == 0);
}

TEST_CASE("loaders: transactions and users may be empty, the other files may not", "[loaders]") {
    const auto transactions =
        parse_transactions("Customer ID,Date,Amount,Merchant Category\n", kTransactionsFile);
    REQUIRE(transactions.ok());
    CHECK(transactions.value().empty());
    const auto users = parse_users("Username,Role,Subject ID,Password Hash\r\n", kUsersFile);
    REQUIRE(users.ok());
    CHECK(users.value().empty());
    const auto bankers = parse_bankers("Banker ID,Name,Branch\n", kBankersFile);
    REQUIRE_FALSE(bankers.ok());
    CHECK(bankers.error().message() ==
          "bankers.csv: the file has a header but no rows (expected at least one banker)");
}

TEST_CASE("loaders: a transaction's fields", "[loaders]") {
    const auto loaded = parse_transactions(kTransactions, kTransactionsFile);
    REQUIRE(loaded.ok());
    const Transaction& t = loaded.value().at(0);
    CHECK(t.customer_id == 101);
    CHECK(t.date == "2024-02-29");  // a leap day is a real date
    CHECK(t.amount == Approx(-54.20));
    CHECK(t.merchant_category == "Groceries");
}

TEST_CASE("loaders: the four files assemble into one dataset", "[loaders]") {
    const auto bank = assemble_dataset({{kCatalog, kCatalogFile},
                                        {kCustomers, kCustomersFile},
                                        {kTransactions, kTransactionsFile},
                                        {kBankers, kBankersFile}});
    REQUIRE(bank.ok());
    CHECK(bank.value().catalog.size() == 2);
    CHECK(bank.value().customers.size() == 2);
    CHECK(bank.value().transactions.size() == 1);
    CHECK(bank.value().bankers.size() == 2);

    const auto users = parse_users(
        "Username,Role,Subject ID,Password "
        "Hash\nemma,customer,101,\"$argon2id$v=19$m=65536,t=2,p=1$abc$def\"\n",
        kUsersFile, bank.value());
    REQUIRE(users.ok());
    CHECK(users.value().at(0).role == Role::Customer);
    CHECK(users.value().at(0).password_hash == "$argon2id$v=19$m=65536,t=2,p=1$abc$def");
}

TEST_CASE("loaders: the file name in messages is the one the caller gives", "[loaders]") {
    const auto loaded = parse_bankers("Banker ID,Name,Branch\nB01,,Amsterdam\n", "uploads/bankers (2).csv");
    REQUIRE_FALSE(loaded.ok());
    const LoadError& e = loaded.error();
    CHECK(e.file == "uploads/bankers (2).csv");
    CHECK(e.line == 2);
    CHECK(e.column == "Name");
    CHECK(e.value.empty());
    CHECK(e.message() ==
          "uploads/bankers (2).csv line 2, column Name: the value is missing (expected the banker's name)");
}

TEST_CASE("loaders: enums print and parse as data/SCHEMA.md spells them", "[loaders][vocabulary]") {
    CHECK(std::string(to_string(ProductCategory::Card)) == "card");
    CHECK(std::string(to_string(ProductCategory::Insurance)) == "insurance");
    CHECK(std::string(to_string(RiskProfile::Moderate)) == "Moderate");
    CHECK(std::string(to_string(RiskLevel::High)) == "High");
    CHECK(std::string(to_string(SocialActivity::Low)) == "Low");
    CHECK(std::string(to_string(Role::Banker)) == "banker");
    CHECK(parse_product_category("mortgage") == ProductCategory::Mortgage);
    CHECK(parse_risk_profile("Aggressive") == RiskProfile::Aggressive);
    CHECK(parse_risk_level("Medium") == RiskLevel::Medium);
    CHECK(parse_social_activity("High") == SocialActivity::High);
    CHECK(parse_role("customer") == Role::Customer);
    CHECK_FALSE(parse_risk_profile("moderate"));  // exact case: a generator bug must not slip through
    CHECK_FALSE(parse_role(""));
    for (std::string_view text : EnumSpelling<ProductCategory>::texts) {
        const auto category = parse_product_category(text);
        REQUIRE(category);
        CHECK(to_string(*category) == text);
    }
}

TEST_CASE("loaders: values in messages are short and cannot carry control characters", "[loaders]") {
    CHECK(display_value("plain") == "plain");
    CHECK(display_value("a\tb\nc\rd\x1b[0m") == "a\\tb\\nc\\rd\\x1B[0m");
    CHECK(display_value("caf\xC3\xA9 \xE2\x82\xAC") == "caf\xC3\xA9 \xE2\x82\xAC");  // UTF-8 passes through
    CHECK(display_value("bad \xFF byte") == "bad \\xFF byte");
    CHECK(display_value("next\xC2\x85line") == "next\\u0085line");  // C1 control
    CHECK(display_value(std::string(40, 'x')) == std::string(40, 'x'));
    CHECK(display_value(std::string(41, 'x')) == std::string(40, 'x') + "...");
    CHECK(display_value(std::string(50, '\xE2')).size() == 40 * 4 + 3);  // each bad byte "\xE2"
}

TEST_CASE("loaders: number and date text is read strictly and without locale", "[loaders][value_text]") {
    const DecimalRange any;
    double d = 0;
    CHECK_FALSE(parse_decimal("1e3", any, d));
    CHECK(d == 1000.0);
    CHECK_FALSE(parse_decimal("-0.25", any, d));
    CHECK(d == -0.25);
    CHECK_FALSE(parse_decimal(".5", any, d));
    CHECK_FALSE(parse_decimal("5.", any, d));
    for (std::string_view bad : {"+5", " 5", "5 ", "1,5", "0x10", "1e", "-", ".", "1.2.3", "5%"}) {
        INFO(bad);
        const auto problem = parse_decimal(bad, any, d);
        REQUIRE(problem);
        CHECK(problem->what == "is not a number");
    }
    for (std::string_view non_finite : {"nan", "-NaN", "inf", "+Infinity"}) {
        CHECK(parse_decimal(non_finite, any, d)->what == "is not a finite number");
    }
    CHECK(parse_decimal(std::string(70, '1'), any, d)->what == "has too many digits");

    std::int64_t n = 0;
    const WholeRange whole;
    CHECK_FALSE(parse_whole_number("007", whole, n));
    CHECK(n == 7);
    CHECK_FALSE(parse_whole_number("-9223372036854775808", whole, n));
    CHECK(parse_whole_number("9223372036854775808", whole, n)->what == "is out of range");
    CHECK(parse_whole_number("+5", whole, n)->what == "is not a whole number");
    CHECK(parse_whole_number("1e3", whole, n)->what == "is not a whole number");

    CHECK_FALSE(check_date("2024-02-29"));
    CHECK_FALSE(check_date("2000-02-29"));  // divisible by 400: a leap year
    CHECK(check_date("1900-02-29"));        // divisible by 100 only: not one
    CHECK(check_date("2023-02-29"));
    CHECK(check_date("2025-04-31"));
    CHECK(check_date("0000-01-01"));
    CHECK(check_date("2025-1-01"));
    CHECK(check_date("2025-01-01T00:00"));
}
