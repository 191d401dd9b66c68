// The "me" document: who is signed in (GET /api/me, and the answer of POST /api/login; the demo
// bundle holds one per view). The app picks what to load from `role`, so a role it does not know
// is an error, never a guess.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/data/load_error.h"
#include "shared/data/model.h"

namespace bank::api {

struct SignedInUser {
    std::string username;
    Role role = Role::Customer;
    std::string subject_id;    // the customer id or banker id the user acts as
    std::string display_name;  // the name the user is greeted with
};

nlohmann::json write_me(const SignedInUser& user);
// `source` names where the JSON came from, for the error: "/api/me".
Loaded<SignedInUser> read_me(const nlohmann::json& j, std::string_view source);

}  // namespace bank::api
