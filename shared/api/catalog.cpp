#include "shared/api/catalog.h"

#include <array>
#include <set>
#include <string>

#include "shared/data/json.h"
#include "shared/data/json_fields.h"

namespace bank::api {
namespace {

enum Field { kProducts, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFields = {"products"};

}  // namespace

nlohmann::json write_catalog(const std::vector<Product>& products) {
    nlohmann::json list = nlohmann::json::array();
    for (const Product& p : products) {
        nlohmann::json j = p;
        // Pictures are served from the root of the site, beside the page.
        j["image_url"] = "/" + p.image;
        list.push_back(std::move(j));
    }
    nlohmann::json j = nlohmann::json::object();
    put(j, kFields[kProducts], std::move(list));
    return j;
}

Loaded<std::vector<Product>> read_catalog(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kFields.data());
    const nlohmann::json& products = fields.array(kProducts);
    if (fields.failed()) return fields.error();
    auto catalog = list_from_json<Product>(products, source, product_from_json);
    if (!catalog) return nested(catalog.error(), kFields[kProducts]);
    // As in catalog.csv: the app finds products by id, so two of one id would hide one of them.
    std::set<std::string> ids;
    for (std::size_t i = 0; i < catalog.value().size(); ++i) {
        const std::string& id = catalog.value()[i].id;
        if (ids.insert(id).second) continue;
        LoadError e = load_error(source, 0, "", id, "is listed twice", "a product id no other product has");
        e.field = "products[" + std::to_string(i) + "].id";
        return e;
    }
    return catalog;
}

}  // namespace bank::api
