#include "shared/data/json.h"

#include <utility>

namespace bank {
namespace {

// Outside nlohmann's own ranges (1xx parse ... 5xx other), so a handler can tell a record that did
// not decode from JSON that did not parse.
constexpr int kJsonDecodeErrorId = 601;

// What from_json answers when `get<T>()` has no better name for where the JSON came from.
constexpr std::string_view kUnnamedSource = "JSON";

template <class T> T decoded_or_throw(Loaded<T> record) {
    if (!record) throw JsonDecodeError(record.error());
    return std::move(record).value();
}

}  // namespace

JsonDecodeError::JsonDecodeError(LoadError error)
    : nlohmann::json::exception(kJsonDecodeErrorId, error.message().c_str()), error_(std::move(error)) {}

void from_json(const nlohmann::json& j, Product& p) {
    p = decoded_or_throw(product_from_json(j, kUnnamedSource));
}
void from_json(const nlohmann::json& j, Customer& c) {
    c = decoded_or_throw(customer_from_json(j, kUnnamedSource));
}
void from_json(const nlohmann::json& j, Banker& b) {
    b = decoded_or_throw(banker_from_json(j, kUnnamedSource));
}
void from_json(const nlohmann::json& j, Transaction& t) {
    t = decoded_or_throw(transaction_from_json(j, kUnnamedSource));
}

}  // namespace bank
