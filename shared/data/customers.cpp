// A customer, read from a customerdata.csv row or from the wire format's JSON object by the same
// reader, so both sources obey the same rules.
#include <algorithm>

#include "shared/data/json.h"
#include "shared/data/json_fields.h"
#include "shared/data/loaders.h"
#include "shared/data/schema_rules.h"
#include "shared/data/table_readers.h"

namespace bank {
namespace {

enum Field {
    kId, kAge, kGender, kPurchaseHistory, kInterests, kEngagement, kSentiment, kSocialActivity, kName,
    kLocation, kOccupation, kAnnualIncome, kCreditScore, kRiskProfile, kProductsHeld, kBankerId, kFieldCount
};

constexpr std::array<std::string_view, kFieldCount> kCsvColumns = {
    "Customer ID", "Age", "Gender", "Purchase History", "Interests", "Engagement Score", "Sentiment Score",
    "Social Media Activity", "Name", "Location", "Occupation", "Annual Income", "Credit Score",
    "Risk Profile", "Products Held", "Banker ID"};
constexpr std::array<std::string_view, kFieldCount> kJsonFields = {
    "id", "age", "gender", "purchase_history", "interests", "engagement", "sentiment", "social_activity",
    "name", "location", "occupation", "annual_income", "credit_score", "risk_profile", "products_held",
    "banker_id"};
static_assert(all_named(kCsvColumns) && all_named(kJsonFields));

const TableShape kShape{{kCsvColumns.begin(), kCsvColumns.end()}, "customer"};

// Holdings are a set of product ids: each well formed, none twice.
template <class Fields> std::vector<std::string> read_holdings(Fields& f) {
    std::vector<std::string> held = f.list(kProductsHeld, ';');
    for (const std::string& id : held) {
        if (const auto problem = schema::check_product_id(id)) f.fail(kProductsHeld, id, *problem);
    }
    // A sorted copy rather than pairwise comparison: a pathological cell stays O(n log n).
    std::vector<std::string_view> sorted(held.begin(), held.end());
    std::sort(sorted.begin(), sorted.end());
    const auto repeat = std::adjacent_find(sorted.begin(), sorted.end());
    if (repeat != sorted.end()) f.fail(kProductsHeld, *repeat, {"is listed twice", "each product once"});
    return held;
}

template <class Fields> Customer read_customer(Fields& f) {
    Customer c;
    c.id = f.whole_number(kId, schema::kCustomerId);
    c.age = static_cast<int>(f.whole_number(kAge, schema::kAge));
    c.gender = f.text(kGender, schema::check_gender);
    c.purchase_history = f.list(kPurchaseHistory, ',');
    c.interests = f.list(kInterests, ',');
    c.engagement = static_cast<int>(f.whole_number(kEngagement, schema::kEngagement));
    c.sentiment = f.decimal(kSentiment, schema::kSentiment);
    c.social_activity = f.template choice<SocialActivity>(kSocialActivity);
    c.name = f.required_text(kName, "the customer's name");
    c.location = f.text(kLocation);
    c.occupation = f.text(kOccupation);
    c.annual_income = f.decimal(kAnnualIncome, schema::kAnnualIncome);
    c.credit_score = static_cast<int>(f.whole_number(kCreditScore, schema::kCreditScore));
    c.risk_profile = f.template choice<RiskProfile>(kRiskProfile);
    c.products_held = read_holdings(f);
    c.banker_id = f.required_text(kBankerId, "a Banker ID from bankers.csv");
    return c;
}

Loaded<Customer> customer_from(JsonFields& fields) {
    Customer c = read_customer(fields);
    if (fields.failed()) return fields.error();
    return c;
}

}  // namespace

Loaded<NumberedRows<Customer>> read_customers(std::string_view text, std::string_view file_name) {
    FirstSeen<std::int64_t> ids;
    return read_table<Customer>(text, file_name, kShape, [&ids](RowReader& row) {
        Customer c = read_customer(row);
        check_unique(row, kId, ids, c.id, "a Customer ID no other customer has");
        return c;
    });
}

Loaded<std::vector<Customer>> parse_customers(std::string_view text, std::string_view file_name) {
    return rows_of(read_customers(text, file_name));
}

void to_json(nlohmann::json& j, const Customer& c) {
    j = nlohmann::json::object();
    const auto field = [&j](Field f, nlohmann::json value) { put(j, kJsonFields[f], std::move(value)); };
    field(kId, c.id);
    field(kAge, c.age);
    field(kGender, c.gender);
    field(kPurchaseHistory, c.purchase_history);
    field(kInterests, c.interests);
    field(kEngagement, c.engagement);
    field(kSentiment, c.sentiment);
    field(kSocialActivity, to_string(c.social_activity));
    field(kName, c.name);
    field(kLocation, c.location);
    field(kOccupation, c.occupation);
    field(kAnnualIncome, c.annual_income);
    field(kCreditScore, c.credit_score);
    field(kRiskProfile, to_string(c.risk_profile));
    field(kProductsHeld, c.products_held);
    field(kBankerId, c.banker_id);
}

Loaded<Customer> customer_from_json(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kJsonFields.data());
    return customer_from(fields);
}

Loaded<Customer> customer_from_row(const nlohmann::json& row, const JsonColumns& columns, std::string_view source) {
    JsonFields fields(row, columns, source, kJsonFields.data());
    return customer_from(fields);
}

}  // namespace bank
