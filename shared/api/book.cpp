#include "shared/api/book.h"

#include <array>
#include <set>
#include <string>

#include "shared/data/json.h"
#include "shared/data/json_fields.h"

namespace bank::api {
namespace {

using nlohmann::json;

enum Field { kBanker, kColumns, kSpendingColumns, kCustomers, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFields = {"banker", "columns", "spending_columns", "customers"};
enum RowsField { kRowsColumns, kRowsSpendingColumns, kRowsCustomers, kRowsFieldCount };
constexpr std::array<std::string_view, kRowsFieldCount> kRowsFields = {"columns", "spending_columns", "customers"};

constexpr std::string_view kSpending = "transaction_summary.spending";

// The columns are the customer record document's own fields, in the order its writer gives them,
// so a field added to that document travels in the book without a change here.
struct Columns {
    std::vector<std::string> record;    // "customer.age", ..., "transaction_summary.spending"
    std::vector<std::pair<std::string, std::string>> parts;  // ("customer", "age"), ...
    std::vector<std::string> spending;  // "amount", "category", "share"
};

const Columns& columns() {
    static const Columns c = [] {
        CustomerRecord probe;
        probe.transaction_summary.spending.push_back(CategorySpend{});
        const json record = write_customer_record(probe);
        Columns out;
        for (const auto& [section, fields] : record.items()) {
            for (const auto& [key, value] : fields.items()) {
                (void)value;
                out.record.push_back(section + "." + key);
                out.parts.emplace_back(section, key);
            }
        }
        const json& spending = record.at("transaction_summary").at("spending").at(0);
        for (const auto& [key, value] : spending.items()) {
            (void)value;
            out.spending.push_back(key);
        }
        return out;
    }();
    return c;
}

json spending_rows(const json& entries) {
    json rows = json::array();
    for (const json& entry : entries) {
        json row = json::array();
        for (const std::string& key : columns().spending) row.push_back(entry.at(key));
        rows.push_back(std::move(row));
    }
    return rows;
}

// One record as a row: its values in column order, spending entries as rows too.
json record_row(const CustomerRecord& record) {
    json object = write_customer_record(record);
    json row = json::array();
    const Columns& c = columns();
    for (std::size_t k = 0; k < c.record.size(); ++k) {
        json& value = object.at(c.parts[k].first).at(c.parts[k].second);
        row.push_back(c.record[k] == kSpending ? spending_rows(value) : std::move(value));
    }
    return row;
}

// "section.field" for a record column, a plain name for a spending column; each once.
bool column_name(const json& name, bool record) {
    if (!name.is_string() || name.get_ref<const std::string&>().empty()) return false;
    const std::string& text = name.get_ref<const std::string&>();
    const std::size_t dot = text.find('.');
    return !record || (dot != 0 && dot != std::string::npos && dot + 1 < text.size());
}

Loaded<std::vector<std::string>> column_names(const json& names, std::string_view source, Field field) {
    const bool record = field == kColumns;
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const json& name = names[i];
        const bool named = column_name(name, record);
        if (!named || !seen.insert(name.get<std::string>()).second) {
            LoadError e = load_error(source, 0, "", name.is_string() ? name.get<std::string>() : name.dump(),
                                     named ? "is named twice" : "is not a column name",
                                     record ? "\"section.field\", each once" : "a field name, each once");
            e.field = std::string(kFields[field]) + "[" + std::to_string(i) + "]";
            return e;
        }
        out.push_back(name.get<std::string>());
    }
    return out;
}

}  // namespace

json write_customer_rows(const std::vector<CustomerRecord>& customers) {
    json rows = json::array();
    for (const CustomerRecord& record : customers) rows.push_back(record_row(record));
    json j = json::object();
    put(j, kRowsFields[kRowsColumns], columns().record);
    put(j, kRowsFields[kRowsSpendingColumns], columns().spending);
    put(j, kRowsFields[kRowsCustomers], std::move(rows));
    return j;
}

Loaded<std::vector<CustomerRecord>> read_customer_rows(const json& j, std::string_view source) {
    JsonFields fields(j, source, kRowsFields.data());
    const json& names = fields.array(kRowsColumns);
    const json& spending_names = fields.array(kRowsSpendingColumns);
    const json& rows = fields.array(kRowsCustomers);
    if (fields.failed()) return fields.error();
    if (rows.size() > kMaxBookCustomers) {
        LoadError e = load_error(source, 0, "", std::to_string(rows.size()) + " customers", "is more than a book may hold",
                                 "at most " + std::to_string(kMaxBookCustomers));
        e.field = std::string(kFields[kCustomers]);
        return e;
    }
    auto names_read = column_names(names, source, kColumns);
    if (!names_read) return names_read.error();
    auto spending_read = column_names(spending_names, source, kSpendingColumns);
    if (!spending_read) return spending_read.error();
    const RecordColumns columns(names_read.value(), spending_read.value());
    std::vector<CustomerRecord> records;
    records.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        // Named only for an error: 10,000 rows.
        const auto field = [i] { return std::string(kFields[kCustomers]) + "[" + std::to_string(i) + "]"; };
        // The row's shape first: a record reader would name the error after its section.
        if (auto e = columns.customer.row_error(rows[i], source)) {
            e->field = field();
            return *e;
        }
        auto record = read_customer_record_row(rows[i], columns, source);
        if (!record) return nested(record.error(), field());
        records.push_back(std::move(record).value());
    }
    return records;
}

json write_book(const Book& book) {
    json j = write_customer_rows(book.customers);
    put(j, kFields[kBanker], book.banker);
    return j;
}

Loaded<Book> read_book(const json& j, std::string_view source) {
    JsonFields fields(j, source, kFields.data());
    const json& banker = fields.object(kBanker);
    fields.array(kColumns);
    fields.array(kSpendingColumns);
    fields.array(kCustomers);
    if (fields.failed()) return fields.error();
    auto b = banker_from_json(banker, source);
    if (!b) return nested(b.error(), kFields[kBanker]);
    auto records = read_customer_rows(j, source);
    if (!records) return records.error();
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
