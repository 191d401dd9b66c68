#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "train/evaluation/generic_format.h"
#include "train/evaluation/protocol.h"

using namespace bank;

namespace {

EvalData population(bool reversed) {
    EvalData d;
    for (int i = 1; i <= 200; ++i) {
        Customer c;
        c.id = i;
        d.customers.push_back(c);
        d.known.push_back({});
        const int held = i % 4;  // 0..3 holdings
        for (int h = 0; h < held; ++h) {
            d.holdings.push_back(
                {i, "P" + std::to_string(h), h == 2 ? "2024-06-0" + std::to_string(1 + i % 9) : ""});
        }
    }
    if (reversed) {
        std::reverse(d.customers.begin(), d.customers.end());
        std::reverse(d.holdings.begin(), d.holdings.end());
    }
    return d;
}

std::set<std::pair<std::int64_t, std::string>> hidden(const EvalData& d, const EvalSplit& s) {
    std::set<std::pair<std::int64_t, std::string>> out;
    for (const auto* group : {&s.validation, &s.test}) {
        for (const EvalCase& c : *group) {
            for (const std::string& p : c.relevant) out.insert({d.customers[c.customer].id, p});
        }
    }
    return out;
}

}  // namespace

TEST_CASE("leave-one-out hides one holding of each customer with two or more", "[eval][protocol]") {
    const EvalData d = population(false);
    const EvalSplit s = leave_one_out_split(d, 42, 0.3);
    CHECK(s.validation.size() + s.test.size() == 100);  // customers with 2 or 3 holdings
    for (const auto* group : {&s.validation, &s.test}) {
        for (const EvalCase& c : *group) {
            REQUIRE(c.relevant.size() == 1);
            const auto& train = s.train_holdings[c.customer];
            CHECK(std::find(train.begin(), train.end(), c.relevant[0]) == train.end());
            CHECK(train.size() + 1 == static_cast<std::size_t>(d.customers[c.customer].id % 4));
        }
    }
    CHECK(s.validation.size() > 15);
    CHECK(s.validation.size() < 45);
}

TEST_CASE("leave-one-out is fixed by the seed, not by the file order", "[eval][protocol]") {
    const EvalData a = population(false), b = population(true);
    CHECK(hidden(a, leave_one_out_split(a, 42, 0.3)) == hidden(b, leave_one_out_split(b, 42, 0.3)));
    CHECK(hidden(a, leave_one_out_split(a, 42, 0.3)) != hidden(a, leave_one_out_split(a, 7, 0.3)));
}

TEST_CASE("validation and test customers never overlap", "[eval][protocol]") {
    const EvalData d = population(false);
    const EvalSplit s = leave_one_out_split(d, 42, 0.3);
    std::set<std::size_t> validation;
    for (const EvalCase& c : s.validation) validation.insert(c.customer);
    for (const EvalCase& c : s.test) CHECK(validation.count(c.customer) == 0);
}

TEST_CASE("temporal split hides the latest dated holdings and later transactions", "[eval][protocol]") {
    EvalData d = population(false);
    d.transactions = {{1, "2024-01-01", -5, "Dining"}, {1, "2024-12-01", -5, "Dining"}};
    auto s = temporal_split(d, 0.5, 42, 0.3);
    REQUIRE(s.ok());
    CHECK_THAT(s.value().protocol, Catch::Contains("temporal"));
    for (const auto* group : {&s.value().validation, &s.value().test}) {
        for (const EvalCase& c : *group) CHECK(c.relevant == std::vector<std::string>{"P2"});
    }
    CHECK(s.value().train_transactions.size() == 1);

    EvalData undated = population(false);
    for (Holding& h : undated.holdings) h.date.clear();
    auto none = temporal_split(undated, 0.2, 42, 0.3);
    REQUIRE_FALSE(none.ok());
    CHECK_THAT(none.error().message, Catch::Contains("needs holding dates"));
}

TEST_CASE("generic format: minimal files load and report the signals present", "[eval][format]") {
    const std::string customers = "customer_id,age,gender,income,segment\n1,34,F,42000,retail\n2,,,,\n";
    const std::string holdings = "customer_id,product_id,date\n1,CARD,2024-01-05\n1,SAV,\n2,CARD,\n";
    const std::string catalog = "product_id,name,category\nCARD,Card,card\nSAV,Saver,savings\n";
    auto d = parse_eval_data(
        {{customers, "customers.csv"}, {holdings, "holdings.csv"}, {catalog, "catalog.csv"}, {"", ""}});
    REQUIRE(d.ok());
    CHECK(d.value().customers.size() == 2);
    CHECK(d.value().holdings.size() == 3);
    CHECK(d.value().known[0].age);
    CHECK_FALSE(d.value().known[1].age);
    CHECK_FALSE(d.value().known[0].credit_score);
    CHECK(d.value().customers[0].segment == "retail");
    CHECK(d.value().known[0].segment);
    CHECK_FALSE(d.value().known[1].segment);
    const auto present = d.value().available.present();
    CHECK(present == std::vector<std::string>{"age", "gender", "income", "segment", "holding dates"});
}

TEST_CASE("generic format: bad input names the file, line and column", "[eval][format][bad-input]") {
    const std::string customers = "customer_id,age\n1,34\n";
    const std::string catalog = "product_id,name,category\nCARD,Card,card\n";
    const std::string holdings = "customer_id,product_id\n1,CARD\n";
    const auto parse = [](std::string c, std::string h, std::string p, std::string t = "") {
        auto d = parse_eval_data(
            {{c, "customers.csv"}, {h, "holdings.csv"}, {p, "catalog.csv"}, {t, "transactions.csv"}});
        return d.ok() ? std::string("ok") : d.error().message();
    };
    CHECK(parse(customers, holdings, catalog) == "ok");
    CHECK_THAT(
        parse(customers, holdings, "product_id,name,category\nX,Pension,pension\n"),
        Catch::Contains("catalog.csv line 2") && Catch::Contains("category") && Catch::Contains("pension"));
    CHECK_THAT(parse(customers, "customer_id,product_id\n1,NOPE\n", catalog),
               Catch::Contains("holdings.csv line 2") && Catch::Contains("NOPE"));
    CHECK_THAT(parse(customers, "customer_id,product_id\n9,CARD\n", catalog),
               Catch::Contains("not in the customers file"));
    CHECK_THAT(parse(customers, "customer_id,product_id\n1,CARD\n1,CARD\n", catalog),
               Catch::Contains("line 2"));
    CHECK_THAT(parse("customer_id,age\n1,abc\n", holdings, catalog),
               Catch::Contains("customers.csv line 2") && Catch::Contains("age"));
    CHECK_THAT(parse("customer_id,age\n1,30\n1,31\n", holdings, catalog), Catch::Contains("listed twice"));
    CHECK_THAT(parse("age\n30\n", holdings, catalog), Catch::Contains("customer_id"));
    CHECK_THAT(parse(customers, holdings, "product_id,name,category\n"), Catch::Contains("no products"));
    CHECK_THAT(
        parse(customers, holdings, catalog, "customer_id,date,amount,category\n1,2024-13-01,-5,Dining\n"),
        Catch::Contains("transactions.csv line 2"));
}
