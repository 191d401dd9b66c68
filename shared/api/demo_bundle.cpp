#include "shared/api/demo_bundle.h"

#include <array>
#include <string>

#include "shared/api/catalog.h"
#include "shared/data/json_fields.h"

namespace bank::api {
namespace {

enum Field { kLabel, kCatalog, kRankingModel, kCustomer, kBanker, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFields = {"label", "catalog", "ranking_model", "customer",
                                                              "banker"};

// Both views: who is signed in, and the one document that user loads.
enum ViewField { kMe, kDocument, kViewFieldCount };
constexpr std::array<std::string_view, kViewFieldCount> kCustomerViewFields = {"me", "profile"};
constexpr std::array<std::string_view, kViewFieldCount> kBankerViewFields = {"me", "book"};

// A document inside another, decoded by its own codec; an error names the field it sits at.
template <class T>
Loaded<T> part(const nlohmann::json& j, std::string_view source, std::string_view field,
               Loaded<T> (*read)(const nlohmann::json&, std::string_view)) {
    auto decoded = read(j, source);
    if (!decoded) return nested(decoded.error(), field);
    return decoded;
}

// The view decides what the app loads for its user, so the user's role must be the view's.
Loaded<SignedInUser> view_user(const nlohmann::json& j, std::string_view source, std::string_view field, Role role) {
    auto me = part(j, source, field, read_me);
    if (!me || me.value().role == role) return me;
    LoadError e = load_error(source, 0, "", to_string(me.value().role), "is not this view's role", to_string(role));
    e.field = std::string(field) + ".role";
    return e;
}

template <class View, class Document>
Loaded<View> read_view(const nlohmann::json& j, std::string_view source, Role role,
                       const std::array<std::string_view, kViewFieldCount>& names,
                       Loaded<Document> (*read_document)(const nlohmann::json&, std::string_view)) {
    JsonFields fields(j, source, names.data());
    const nlohmann::json& me = fields.object(kMe);
    const nlohmann::json& document = fields.object(kDocument);
    if (fields.failed()) return fields.error();
    auto user = view_user(me, source, names[kMe], role);
    if (!user) return user.error();
    auto decoded = part(document, source, names[kDocument], read_document);
    if (!decoded) return decoded.error();
    return View{std::move(user).value(), std::move(decoded).value()};
}

Loaded<CustomerView> read_customer_view(const nlohmann::json& j, std::string_view source) {
    return read_view<CustomerView>(j, source, Role::Customer, kCustomerViewFields, read_customer_record);
}

Loaded<BankerView> read_banker_view(const nlohmann::json& j, std::string_view source) {
    return read_view<BankerView>(j, source, Role::Banker, kBankerViewFields, read_book);
}

}  // namespace

nlohmann::json write_demo_bundle(const DemoBundle& bundle) {
    nlohmann::json j = nlohmann::json::object();
    put(j, kFields[kLabel], bundle.label);
    put(j, kFields[kCatalog], write_catalog(bundle.catalog));
    put(j, kFields[kRankingModel], write_ranking_model(bundle.ranking_model));
    put(j, kFields[kCustomer],
        {{kCustomerViewFields[kMe], write_me(bundle.customer.me)},
         {kCustomerViewFields[kDocument], write_customer_record(bundle.customer.profile)}});
    put(j, kFields[kBanker],
        {{kBankerViewFields[kMe], write_me(bundle.banker.me)},
         {kBankerViewFields[kDocument], write_book(bundle.banker.book)}});
    return j;
}

Loaded<DemoBundle> read_demo_bundle(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kFields.data());
    DemoBundle bundle;
    bundle.label = fields.required_text(kLabel, "a line saying the data is synthetic");
    const nlohmann::json& catalog = fields.object(kCatalog);
    const nlohmann::json& model = fields.object(kRankingModel);
    const nlohmann::json& customer = fields.object(kCustomer);
    const nlohmann::json& banker = fields.object(kBanker);
    if (fields.failed()) return fields.error();

    auto products = part(catalog, source, kFields[kCatalog], read_catalog);
    if (!products) return products.error();
    auto ranking = part(model, source, kFields[kRankingModel], read_ranking_model);
    if (!ranking) return ranking.error();
    auto customer_view = part(customer, source, kFields[kCustomer], read_customer_view);
    if (!customer_view) return customer_view.error();
    auto banker_view = part(banker, source, kFields[kBanker], read_banker_view);
    if (!banker_view) return banker_view.error();

    bundle.catalog = std::move(products).value();
    bundle.ranking_model = std::move(ranking).value();
    bundle.customer = std::move(customer_view).value();
    bundle.banker = std::move(banker_view).value();
    return bundle;
}

}  // namespace bank::api
