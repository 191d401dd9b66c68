// A product and its eligibility rules, read from a catalog.csv row or from the wire format's JSON
// object by the same reader.
#include "shared/data/json.h"
#include "shared/data/json_fields.h"
#include "shared/data/loaders.h"
#include "shared/data/schema_rules.h"
#include "shared/data/table_readers.h"

namespace bank {
namespace {

enum Field {
    kId, kName, kCategory, kDescription, kFeatures, kMinAge, kMaxAge, kMinIncome, kMinCreditScore,
    kRiskLevel, kAnnualFee, kRate, kLink, kImage, kFieldCount
};

constexpr std::array<std::string_view, kFieldCount> kCsvColumns = {
    "Product ID", "Name", "Category", "Description", "Features", "Min Age", "Max Age", "Min Income",
    "Min Credit Score", "Risk Level", "Annual Fee", "Rate", "Link", "Image"};
constexpr std::array<std::string_view, kFieldCount> kJsonFields = {
    "id", "name", "category", "description", "features", "eligibility.min_age", "eligibility.max_age",
    "eligibility.min_income", "eligibility.min_credit_score", "eligibility.risk_level", "annual_fee", "rate",
    "link", "image"};
static_assert(all_named(kCsvColumns) && all_named(kJsonFields));

const TableShape kShape{{kCsvColumns.begin(), kCsvColumns.end()}, "product"};

template <class Fields> Eligibility read_eligibility(Fields& f) {
    Eligibility e;
    e.min_age = static_cast<int>(f.whole_number(kMinAge, schema::kAge));
    e.max_age = static_cast<int>(f.whole_number(kMaxAge, schema::kAge));
    if (!f.failed()) f.check(kMaxAge, schema::check_max_age(e.max_age, e.min_age));
    e.min_income = f.decimal(kMinIncome, schema::kMinIncome);
    e.min_credit_score = static_cast<int>(f.whole_number(kMinCreditScore, schema::kMinCreditScore));
    if (!f.failed()) f.check(kMinCreditScore, schema::check_min_credit_score(e.min_credit_score));
    e.risk_level = f.template choice<RiskLevel>(kRiskLevel);
    return e;
}

template <class Fields> Product read_product(Fields& f) {
    Product p;
    p.id = f.text(kId, schema::check_product_id);
    p.name = f.required_text(kName, "the product's name");
    p.category = f.template choice<ProductCategory>(kCategory);
    p.description = f.required_text(kDescription, "a description of the product");
    p.features = f.list(kFeatures, ';');
    p.eligibility = read_eligibility(f);
    p.annual_fee = f.decimal(kAnnualFee, schema::kAnnualFee);
    const auto rate = f.optional_decimal(kRate, schema::kRate);
    p.has_rate = rate.has_value();
    p.rate = rate.value_or(0);
    p.link = f.text(kLink, schema::check_https_link);
    p.image = f.text(kImage, schema::check_image_path);
    return p;
}

}  // namespace

Loaded<NumberedRows<Product>> read_catalog(std::string_view text, std::string_view file_name) {
    FirstSeen<std::string> ids;
    return read_table<Product>(text, file_name, kShape, [&ids](RowReader& row) {
        Product p = read_product(row);
        check_unique(row, kId, ids, p.id, "a Product ID no other product has");
        return p;
    });
}

Loaded<std::vector<Product>> parse_catalog(std::string_view text, std::string_view file_name) {
    return rows_of(read_catalog(text, file_name));
}

void to_json(nlohmann::json& j, const Product& p) {
    j = nlohmann::json::object();
    const auto field = [&j](Field f, nlohmann::json value) { put(j, kJsonFields[f], std::move(value)); };
    field(kId, p.id);
    field(kName, p.name);
    field(kCategory, to_string(p.category));
    field(kDescription, p.description);
    field(kFeatures, p.features);
    field(kMinAge, p.eligibility.min_age);
    field(kMaxAge, p.eligibility.max_age);
    field(kMinIncome, p.eligibility.min_income);
    field(kMinCreditScore, p.eligibility.min_credit_score);
    field(kRiskLevel, to_string(p.eligibility.risk_level));
    field(kAnnualFee, p.annual_fee);
    field(kRate, p.has_rate ? nlohmann::json(p.rate) : nlohmann::json(nullptr));
    j["has_rate"] = p.has_rate;
    field(kLink, p.link);
    field(kImage, p.image);
}

Loaded<Product> product_from_json(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kJsonFields.data());
    Product p = read_product(fields);
    if (fields.failed()) return fields.error();
    return p;
}

}  // namespace bank
