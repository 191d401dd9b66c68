// The customer record document: a customer as their own dashboard or their banker shows them
// (GET /api/profile, GET /api/book/{customer_id}, each entry of the book): the record plus a
// summary of their transactions, never the transactions themselves. The app ranks from the
// customer and the spending mix.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/data/json_fields.h"
#include "shared/data/load_error.h"
#include "shared/data/model.h"
#include "shared/profile/spending.h"

namespace bank::api {

struct TransactionSummary {
    std::int64_t count = 0;
    std::optional<std::string> first_date, last_date;  // YYYY-MM-DD; none without transactions
    double money_in = 0, money_out = 0;                 // EUR, both positive
    std::vector<CategorySpend> spending;               // largest share first
};

struct CustomerRecord {
    Customer customer;
    TransactionSummary transaction_summary;
};

nlohmann::json write_customer_record(const CustomerRecord& record);
// `source` names where the JSON came from, for the error: "/api/profile".
Loaded<CustomerRecord> read_customer_record(const nlohmann::json& j, std::string_view source);

// Where a row of a document of rows (the book, book.h) holds each field of a record: the columns
// "customer.<field>" and "transaction_summary.<field>", and the spending entries' own columns.
struct RecordColumns {
    RecordColumns(const std::vector<std::string>& columns, const std::vector<std::string>& spending_columns);
    JsonColumns customer, summary, spending;
};

// A record from one such row, read where it lies, with the same rules and errors as the document.
Loaded<CustomerRecord> read_customer_record_row(const nlohmann::json& row, const RecordColumns& columns,
                                                std::string_view source);

}  // namespace bank::api
