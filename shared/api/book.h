// The book document (GET /api/book, and the demo bundle's banker view): a banker and the
// customers assigned to them, each as a customer record, and nobody else.
//
// A relationship manager's book runs to 10,000 customers, so the records travel as rows, not as
// objects that repeat every field name: "columns" names each row's values once, as the customer
// record document names them ("customer.age", "transaction_summary.spending"), and each spending
// entry is a row of "spending_columns". A row decodes exactly as the customer record document
// (customer_record.h), with its rules and its errors ("customers[3].customer.age: ...").
//
//   {"banker": {...}, "columns": ["customer.age", ...], "spending_columns": ["amount", ...],
//    "customers": [[25, ..., [[120.5, "Electronics", 0.0793]]], ...]}
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/api/customer_record.h"
#include "shared/data/load_error.h"
#include "shared/data/model.h"

namespace bank::api {

// More customers than any book may hold: a larger answer is refused with a clear error rather
// than ranked for minutes.
inline constexpr std::size_t kMaxBookCustomers = 100000;

struct Book {
    Banker banker;
    std::vector<CustomerRecord> customers;  // in customerdata.csv order
};

nlohmann::json write_book(const Book& book);
// `source` names where the JSON came from, for the error: "/api/book".
Loaded<Book> read_book(const nlohmann::json& j, std::string_view source);

// The customers alone, as the book writes them: {"columns", "spending_columns", "customers"}.
nlohmann::json write_customer_rows(const std::vector<CustomerRecord>& customers);
Loaded<std::vector<CustomerRecord>> read_customer_rows(const nlohmann::json& j, std::string_view source);

}  // namespace bank::api
