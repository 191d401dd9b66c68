#include "shared/api/customer_record.h"

#include <array>

#include "shared/data/json.h"
#include "shared/data/json_fields.h"
#include "shared/data/schema_rules.h"

namespace bank::api {
namespace {

enum RecordField { kCustomer, kTransactionSummary, kRecordFieldCount };
constexpr std::array<std::string_view, kRecordFieldCount> kRecordFields = {"customer", "transaction_summary"};

enum SummaryField { kCount, kFirstDate, kLastDate, kMoneyIn, kMoneyOut, kSpending, kSummaryFieldCount };
constexpr std::array<std::string_view, kSummaryFieldCount> kSummaryFields = {
    "count", "first_date", "last_date", "money_in", "money_out", "spending"};

enum SpendField { kCategory, kAmount, kShare, kSpendFieldCount };
constexpr std::array<std::string_view, kSpendFieldCount> kSpendFields = {"category", "amount", "share"};

constexpr WholeRange kCountRange{0, WholeRange{}.max};
constexpr DecimalRange kMoneyRange{0, schema::kNoLimit};
constexpr DecimalRange kShareRange{0, 1};

nlohmann::json date_or_null(const std::optional<std::string>& date) {
    return date ? nlohmann::json(*date) : nlohmann::json();
}

nlohmann::json write_summary(const TransactionSummary& s) {
    nlohmann::json spending = nlohmann::json::array();
    for (const CategorySpend& c : s.spending) {
        nlohmann::json entry = nlohmann::json::object();
        put(entry, kSpendFields[kCategory], c.category);
        put(entry, kSpendFields[kAmount], c.amount);
        put(entry, kSpendFields[kShare], c.share);
        spending.push_back(std::move(entry));
    }
    nlohmann::json j = nlohmann::json::object();
    put(j, kSummaryFields[kCount], s.count);
    put(j, kSummaryFields[kFirstDate], date_or_null(s.first_date));
    put(j, kSummaryFields[kLastDate], date_or_null(s.last_date));
    put(j, kSummaryFields[kMoneyIn], s.money_in);
    put(j, kSummaryFields[kMoneyOut], s.money_out);
    put(j, kSummaryFields[kSpending], std::move(spending));
    return j;
}

Loaded<CategorySpend> read_category_spend(JsonFields& fields) {
    CategorySpend spend;
    spend.category = fields.text(kCategory, schema::check_merchant_category);
    spend.amount = fields.decimal(kAmount, kMoneyRange);
    spend.share = fields.decimal(kShare, kShareRange);
    if (fields.failed()) return fields.error();
    return spend;
}

Loaded<CategorySpend> read_category_spend(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kSpendFields.data());
    return read_category_spend(fields);
}

// The summary's fields out of `fields`; `read_entry(entry, source)` reads one spending entry, an
// object or a row.
template <class ReadEntry>
Loaded<TransactionSummary> read_summary(JsonFields& fields, std::string_view source, ReadEntry read_entry) {
    TransactionSummary s;
    s.count = fields.whole_number(kCount, kCountRange);
    s.first_date = fields.optional_text(kFirstDate, check_date);
    s.last_date = fields.optional_text(kLastDate, check_date);
    s.money_in = fields.decimal(kMoneyIn, kMoneyRange);
    s.money_out = fields.decimal(kMoneyOut, kMoneyRange);
    const nlohmann::json& spending = fields.array(kSpending);
    if (fields.failed()) return fields.error();
    auto entries = list_from_json<CategorySpend>(spending, source, read_entry);
    if (!entries) return nested(entries.error(), kSummaryFields[kSpending]);
    s.spending = std::move(entries).value();
    return s;
}

// A record section that is absent: the error a record object without it gets, from the same reader.
LoadError missing_section(std::string_view source, RecordField section) {
    static const nlohmann::json kNoSections = nlohmann::json::object();
    JsonFields fields(kNoSections, source, kRecordFields.data());
    fields.object(section);
    return fields.error();
}

}  // namespace

nlohmann::json write_customer_record(const CustomerRecord& record) {
    nlohmann::json j = nlohmann::json::object();
    put(j, kRecordFields[kCustomer], record.customer);
    put(j, kRecordFields[kTransactionSummary], write_summary(record.transaction_summary));
    return j;
}

Loaded<CustomerRecord> read_customer_record(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kRecordFields.data());
    const nlohmann::json& customer = fields.object(kCustomer);
    const nlohmann::json& summary = fields.object(kTransactionSummary);
    if (fields.failed()) return fields.error();
    auto c = customer_from_json(customer, source);
    if (!c) return nested(c.error(), kRecordFields[kCustomer]);
    JsonFields summary_fields(summary, source, kSummaryFields.data());
    auto s = read_summary(summary_fields, source, [](const nlohmann::json& entry, std::string_view entry_source) {
        return read_category_spend(entry, entry_source);
    });
    if (!s) return nested(s.error(), kRecordFields[kTransactionSummary]);
    return CustomerRecord{std::move(c).value(), std::move(s).value()};
}

RecordColumns::RecordColumns(const std::vector<std::string>& columns, const std::vector<std::string>& spending_columns)
    : customer(columns, kRecordFields[kCustomer], "column"),
      summary(columns, kRecordFields[kTransactionSummary], "column"),
      spending(spending_columns, "", "spending column") {}

Loaded<CustomerRecord> read_customer_record_row(const nlohmann::json& row, const RecordColumns& columns,
                                                std::string_view source) {
    if (columns.customer.empty()) return missing_section(source, kCustomer);
    if (columns.summary.empty()) return missing_section(source, kTransactionSummary);
    auto c = customer_from_row(row, columns.customer, source);
    if (!c) return nested(c.error(), kRecordFields[kCustomer]);
    JsonFields summary_fields(row, columns.summary, source, kSummaryFields.data());
    auto s = read_summary(summary_fields, source, [&](const nlohmann::json& entry, std::string_view entry_source) {
        JsonFields entry_fields(entry, columns.spending, entry_source, kSpendFields.data());
        return read_category_spend(entry_fields);
    });
    if (!s) return nested(s.error(), kRecordFields[kTransactionSummary]);
    return CustomerRecord{std::move(c).value(), std::move(s).value()};
}

}  // namespace bank::api
