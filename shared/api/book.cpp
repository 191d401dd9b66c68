#include "shared/api/book.h"

#include <array>
#include <string>

#include "shared/data/json.h"
#include "shared/data/json_fields.h"

namespace bank::api {
namespace {

enum Field { kBanker, kCustomers, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFields = {"banker", "customers"};

}  // namespace

nlohmann::json write_book(const Book& book) {
    nlohmann::json customers = nlohmann::json::array();
    for (const CustomerRecord& record : book.customers) customers.push_back(write_customer_record(record));
    nlohmann::json j = nlohmann::json::object();
    put(j, kFields[kBanker], book.banker);
    put(j, kFields[kCustomers], std::move(customers));
    return j;
}

Loaded<Book> read_book(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kFields.data());
    const nlohmann::json& banker = fields.object(kBanker);
    const nlohmann::json& customers = fields.array(kCustomers);
    if (fields.failed()) return fields.error();
    auto b = banker_from_json(banker, source);
    if (!b) return nested(b.error(), kFields[kBanker]);
    auto records = list_from_json<CustomerRecord>(customers, source, read_customer_record);
    if (!records) return nested(records.error(), kFields[kCustomers]);
    for (std::size_t i = 0; i < records.value().size(); ++i) {
        const std::string& assigned_to = records.value()[i].customer.banker_id;
        if (assigned_to == b.value().id) continue;
        LoadError e = load_error(source, 0, "", assigned_to, "is not this book's banker", "banker " + b.value().id);
        e.field = "customers[" + std::to_string(i) + "].customer.banker_id";
        return e;
    }
    return Book{std::move(b).value(), std::move(records).value()};
}

}  // namespace bank::api
