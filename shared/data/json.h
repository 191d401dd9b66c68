// The wire format of the bank's records between the proxy and the browser (nlohmann/json).
//
// Field names are the struct fields' names ("annual_income", "products_held"); enums are written as
// their to_string text ("category": "card", "risk_profile": "Moderate"); a Product's eligibility is a
// nested object, and its "rate" is null when the product has none ("has_rate" is written for
// readers' convenience and ignored when decoding). Decoding checks every field against the rules
// of data/SCHEMA.md, the same code the CSV loaders use; unknown extra fields are ignored.
//
// Two ways to decode, pick by whether exceptions are available:
//  - customer_from_json(j, "/api/profile") and friends return Loaded<T> and never throw. The error
//    reads "/api/profile, field risk_profile: 'Bold' is not a known risk profile (expected one of
//    Conservative, Moderate, Aggressive)". Use them in code built without exceptions.
//  - j.get<Customer>() (and get<std::vector<Customer>>()) go through from_json below, which throws
//    JsonDecodeError, a nlohmann::json::exception whose what() is that same message.
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

// A JSON array of records, each decoded by `decode`; an error's field starts with the index: "[3].age".
template <class T>
Loaded<std::vector<T>> list_from_json(const nlohmann::json& array, std::string_view source,
                                      Loaded<T> (*decode)(const nlohmann::json&, std::string_view)) {
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

// Thrown by the from_json functions below, only when a record does not decode.
class JsonDecodeError : public nlohmann::json::exception {
public:
    explicit JsonDecodeError(LoadError error);
    const LoadError& error() const { return error_; }

private:
    LoadError error_;
};

void from_json(const nlohmann::json& j, Product& p);
void from_json(const nlohmann::json& j, Customer& c);
void from_json(const nlohmann::json& j, Banker& b);
void from_json(const nlohmann::json& j, Transaction& t);

}  // namespace bank
