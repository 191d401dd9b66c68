// The loaders with each row's line kept: what assemble_dataset and parse_users need to point a
// cross-file error at the right line. loaders.h is the public face; this is for shared/data only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shared/data/model.h"
#include "shared/data/table_reader.h"

namespace bank {

Loaded<NumberedRows<Product>> read_catalog(std::string_view text, std::string_view file_name);
Loaded<NumberedRows<Customer>> read_customers(std::string_view text, std::string_view file_name);
Loaded<NumberedRows<Transaction>> read_transactions(std::string_view text, std::string_view file_name);
Loaded<NumberedRows<Banker>> read_bankers(std::string_view text, std::string_view file_name);
Loaded<NumberedRows<User>> read_users(std::string_view text, std::string_view file_name);

// "one of B01, B02, B03" or, for a long list, "one of ACC-CURRENT, ..., 12 in all": enough to spot
// a typo without flooding the message.
std::string one_of_some(const std::vector<std::string>& names);

// one_of_some over the ids of `records` (products, bankers).
template <class T> std::string one_of_ids(const std::vector<T>& records) {
    std::vector<std::string> ids;
    for (const T& record : records) ids.push_back(record.id);
    return one_of_some(ids);
}

// The rows alone, for the public parse_* functions.
template <class T> Loaded<std::vector<T>> rows_of(Loaded<NumberedRows<T>> table) {
    if (!table) return table.error();
    return Loaded<std::vector<T>>(std::move(table).value().rows);
}

}  // namespace bank
