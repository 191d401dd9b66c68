// The book document (GET /api/book, and the demo bundle's banker view): a banker and the
// customers assigned to them, each as a customer record, and nobody else.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/api/customer_record.h"
#include "shared/data/load_error.h"
#include "shared/data/model.h"

namespace bank::api {

struct Book {
    Banker banker;
    std::vector<CustomerRecord> customers;  // in customerdata.csv order
};

nlohmann::json write_book(const Book& book);
// `source` names where the JSON came from, for the error: "/api/book".
Loaded<Book> read_book(const nlohmann::json& j, std::string_view source);

}  // namespace bank::api
