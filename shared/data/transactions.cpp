// A transaction, read from a transactions.csv row or from the wire format's JSON object by the same
// reader.
#include "shared/data/json.h"
#include "shared/data/json_fields.h"
#include "shared/data/loaders.h"
#include "shared/data/schema_rules.h"
#include "shared/data/table_readers.h"

namespace bank {
namespace {

enum Field { kCustomerId, kDate, kAmount, kMerchantCategory, kFieldCount };

constexpr std::array<std::string_view, kFieldCount> kCsvColumns = {"Customer ID", "Date", "Amount",
                                                                   "Merchant Category"};
constexpr std::array<std::string_view, kFieldCount> kJsonFields = {"customer_id", "date", "amount",
                                                                   "merchant_category"};
static_assert(all_named(kCsvColumns) && all_named(kJsonFields));

// A bank without card movements yet is still a bank: the ranker falls back to other signals.
const TableShape kShape{{kCsvColumns.begin(), kCsvColumns.end()}, "transaction", true};

template <class Fields> Transaction read_transaction(Fields& f) {
    Transaction t;
    t.customer_id = f.whole_number(kCustomerId, schema::kCustomerId);
    t.date = f.text(kDate, check_date);
    t.amount = f.decimal(kAmount, schema::kAmount);
    t.merchant_category = f.text(kMerchantCategory, schema::check_merchant_category);
    return t;
}

}  // namespace

Loaded<NumberedRows<Transaction>> read_transactions(std::string_view text, std::string_view file_name) {
    return read_table<Transaction>(text, file_name, kShape,
                                   [](RowReader& row) { return read_transaction(row); });
}

Loaded<std::vector<Transaction>> parse_transactions(std::string_view text, std::string_view file_name) {
    return rows_of(read_transactions(text, file_name));
}

void to_json(nlohmann::json& j, const Transaction& t) {
    j = nlohmann::json::object();
    const auto field = [&j](Field f, nlohmann::json value) { put(j, kJsonFields[f], std::move(value)); };
    field(kCustomerId, t.customer_id);
    field(kDate, t.date);
    field(kAmount, t.amount);
    field(kMerchantCategory, t.merchant_category);
}

Loaded<Transaction> transaction_from_json(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kJsonFields.data());
    Transaction t = read_transaction(fields);
    if (fields.failed()) return fields.error();
    return t;
}

}  // namespace bank
