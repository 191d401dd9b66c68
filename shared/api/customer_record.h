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

}  // namespace bank::api
