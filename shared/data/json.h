// The wire format of the bank's records between the proxy and the browser (nlohmann/json).
//
// Field names are the struct fields' names ("annual_income", "products_held"); enums are written as
// their to_string text ("category": "card", "risk_profile": "Moderate"); a Product's eligibility is a
// nested object, and its "rate" is null when the product has none ("has_rate" is written for
// readers' convenience and ignored when decoding). Decoding checks every field against the rules
// of data/SCHEMA.md, the same code the CSV loaders use; unknown extra fields are ignored.
//
// Decoding never throws: customer_from_json(j, "/api/profile") and friends return Loaded<T>, whose
// error reads "/api/profile, field risk_profile: 'Bold' is not a known risk profile (expected one
// of Conservative, Moderate, Aggressive)". The API documents built from these records are read by
// their codecs in shared/api, the one way the app and the tests decode what the proxy sends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/data/load_error.h"
#include "shared/data/model.h"

namespace bank {

void to_json(nlohmann::json& j, const Product& p);
void to_json(nlohmann::json& j, const Customer& c);
void to_json(nlohmann::json& j, const Banker& b);
void to_json(nlohmann::json& j, const Transaction& t);

// `source` names where the JSON came from, for the error message: "/api/book", "catalog cache".
Loaded<Product> product_from_json(const nlohmann::json& j, std::string_view source);
Loaded<Customer> customer_from_json(const nlohmann::json& j, std::string_view source);
Loaded<Banker> banker_from_json(const nlohmann::json& j, std::string_view source);
Loaded<Transaction> transaction_from_json(const nlohmann::json& j, std::string_view source);
// A customer from one row of a document of rows (a book), its fields in `columns`.
class JsonColumns;
Loaded<Customer> customer_from_row(const nlohmann::json& row, const JsonColumns& columns, std::string_view source);

// A JSON array of records, each decoded by `decode(record, source)` (a function or a closure that
// knows more, such as a row's columns); an error's field starts with the index: "[3].age".
template <class T, class Decode>
Loaded<std::vector<T>> list_from_json(const nlohmann::json& array, std::string_view source, Decode decode) {
    if (!array.is_array()) {
        return load_error(source, 0, "", "", "is not a JSON array", "a list of records");
    }
    std::vector<T> records;
    records.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        Loaded<T> record = decode(array[i], source);
        if (!record) {
            LoadError e = record.error();
            e.field = "[" + std::to_string(i) + "]" + (e.field.empty() ? "" : "." + e.field);
            return e;
        }
        records.push_back(std::move(record).value());
    }
    return records;
}

}  // namespace bank
