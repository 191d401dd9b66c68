// The catalog document (GET /api/catalog, and the demo bundle's "catalog"): {"products": [...]},
// each product as shared/data/json.h writes it plus "image_url", where its picture is served.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/data/load_error.h"
#include "shared/data/model.h"

namespace bank::api {

nlohmann::json write_catalog(const std::vector<Product>& products);
// "image_url" follows from "image" and is not read back.
Loaded<std::vector<Product>> read_catalog(const nlohmann::json& j, std::string_view source);

}  // namespace bank::api
