// A banker, read from a bankers.csv row or from the wire format's JSON object by the same reader.
#include "shared/data/json.h"
#include "shared/data/json_fields.h"
#include "shared/data/loaders.h"
#include "shared/data/table_readers.h"

namespace bank {
namespace {

enum Field { kId, kName, kBranch, kFieldCount };

constexpr std::array<std::string_view, kFieldCount> kCsvColumns = {"Banker ID", "Name", "Branch"};
constexpr std::array<std::string_view, kFieldCount> kJsonFields = {"id", "name", "branch"};
static_assert(all_named(kCsvColumns) && all_named(kJsonFields));

const TableShape kShape{{kCsvColumns.begin(), kCsvColumns.end()}, "banker"};

template <class Fields> Banker read_banker(Fields& f) {
    Banker b;
    b.id = f.required_text(kId, "an id such as B01");
    b.name = f.required_text(kName, "the banker's name");
    b.branch = f.required_text(kBranch, "the banker's branch");
    return b;
}

}  // namespace

Loaded<NumberedRows<Banker>> read_bankers(std::string_view text, std::string_view file_name) {
    FirstSeen<std::string> ids;
    return read_table<Banker>(text, file_name, kShape, [&ids](RowReader& row) {
        Banker b = read_banker(row);
        check_unique(row, kId, ids, b.id, "a Banker ID no other banker has");
        return b;
    });
}

Loaded<std::vector<Banker>> parse_bankers(std::string_view text, std::string_view file_name) {
    return rows_of(read_bankers(text, file_name));
}

void to_json(nlohmann::json& j, const Banker& b) {
    j = nlohmann::json::object();
    const auto field = [&j](Field f, nlohmann::json value) { put(j, kJsonFields[f], std::move(value)); };
    field(kId, b.id);
    field(kName, b.name);
    field(kBranch, b.branch);
}

Loaded<Banker> banker_from_json(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kJsonFields.data());
    Banker b = read_banker(fields);
    if (fields.failed()) return fields.error();
    return b;
}

}  // namespace bank
