// The demo bundle document (demo/bundle.json, written by `bank-proxy export-demo`): the app's
// static demo mode needs, in one file, the documents the API would send one customer and one
// banker. Each part is the document its route sends, so demo and live app decode the same shapes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/api/book.h"
#include "shared/api/customer_record.h"
#include "shared/api/me.h"
#include "shared/api/ranking_model.h"
#include "shared/data/load_error.h"
#include "shared/data/model.h"

namespace bank::api {

struct CustomerView {
    SignedInUser me;  // role customer
    CustomerRecord profile;
};

struct BankerView {
    SignedInUser me;  // role banker
    Book book;
};

struct DemoBundle {
    std::string label;  // says on screen that the data is synthetic
    std::vector<Product> catalog;
    RankingModel ranking_model;
    CustomerView customer;
    BankerView banker;
};

// {"label", "catalog", "ranking_model", "customer": {"me", "profile"}, "banker": {"me", "book"}}.
nlohmann::json write_demo_bundle(const DemoBundle& bundle);
// Each view's "me" must carry the view's role. `source` names the file: "demo/bundle.json".
Loaded<DemoBundle> read_demo_bundle(const nlohmann::json& j, std::string_view source);

}  // namespace bank::api
