// The book's customers travel as rows under named columns (shared/api/book.h): a row is read by
// its column names, not by position, so a writer may order the columns as it likes and add ones
// this reader does not know; what is missing or misshapen is named as in the record document.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "shared/api/book.h"
#include "tests/unit/test_bundled_bank.h"

namespace {

using nlohmann::json;

json two_customers() {
    return json::parse(bank::testing::project_file("tests/data/wire/book/valid/two-customers.json"));
}

// Every row's values and the column names in reverse order, the spending entries' too.
json reversed(json book) {
    std::reverse(book["columns"].begin(), book["columns"].end());
    std::reverse(book["spending_columns"].begin(), book["spending_columns"].end());
    const auto spending = std::find(book["columns"].begin(), book["columns"].end(), "transaction_summary.spending") -
                          book["columns"].begin();
    for (json& row : book["customers"]) {
        std::reverse(row.begin(), row.end());
        for (json& entry : row[spending]) std::reverse(entry.begin(), entry.end());
    }
    return book;
}

// A column the reader does not know, with a value in every row.
json with_column(json book, const std::string& name, const json& value) {
    book["columns"].push_back(name);
    for (json& row : book["customers"]) row.push_back(value);
    return book;
}

// The column `name` taken out of the names and out of every row.
json without_column(json book, const std::string& name) {
    json& columns = book["columns"];
    const auto at = std::find(columns.begin(), columns.end(), name) - columns.begin();
    columns.erase(static_cast<std::size_t>(at));
    for (json& row : book["customers"]) row.erase(static_cast<std::size_t>(at));
    return book;
}

std::string error_of(const json& book) {
    auto read = bank::api::read_book(book, "/api/book");
    REQUIRE_FALSE(read);
    return read.error().message();
}

}  // namespace

TEST_CASE("a book's rows are read by column name: any order, unknown columns skipped", "[book][wire]") {
    const json book = two_customers();
    const auto expected = bank::api::read_book(book, "/api/book");
    REQUIRE(expected);
    REQUIRE(expected.value().customers.size() == 2);
    REQUIRE_FALSE(expected.value().customers[0].transaction_summary.spending.empty());
    const json written = bank::api::write_book(expected.value());

    const json shuffled = with_column(with_column(reversed(book), "customer.nickname", "Al"), "risk.grade", 3);
    REQUIRE(shuffled["columns"] != book["columns"]);
    const auto read = bank::api::read_book(shuffled, "/api/book");
    REQUIRE(read);
    CHECK(bank::api::write_book(read.value()) == written);
}

TEST_CASE("a book's missing or misshapen columns are named as in the record document", "[book][wire]") {
    const json book = two_customers();
    CHECK(error_of(without_column(book, "customer.age")) ==
          "/api/book, field customers[0].customer.age: the field is missing (expected a whole number)");
    CHECK(error_of(without_column(book, "transaction_summary.money_in")) ==
          "/api/book, field customers[0].transaction_summary.money_in: the field is missing (expected a number)");

    json customers_only = book;
    for (const char* field : {"count", "first_date", "last_date", "money_in", "money_out", "spending"}) {
        customers_only = without_column(customers_only, std::string("transaction_summary.") + field);
    }
    CHECK(error_of(customers_only) ==
          "/api/book, field customers[0].transaction_summary: the field is missing (expected an object)");

    json entry_not_a_row = book;
    const auto spending = std::find(book["columns"].begin(), book["columns"].end(), "transaction_summary.spending") -
                          book["columns"].begin();
    entry_not_a_row["customers"][1][spending][0] = json{{"amount", 1}};
    CHECK(error_of(entry_not_a_row) ==
          "/api/book, field customers[1].transaction_summary.spending[0]: '{\"amount\":1}' is not a row "
          "(expected a list of 3 values, one per spending column)");

    json row_not_a_row = book;
    row_not_a_row["customers"][1] = "Alice";
    CHECK(error_of(row_not_a_row) ==
          "/api/book, field customers[1]: '\"Alice\"' is not a row (expected a list of 22 values, one per column)");
}
