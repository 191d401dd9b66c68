// Everything the app shows, in one place. Immediate-mode UI: the views draw this every frame and
// never own state of their own; async work (fetches) updates it from callbacks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/data/model.h"

namespace app {

enum class Phase {
    Starting,   // asking the proxy who is signed in
    SignedOut,  // the sign-in form is showing
    Loading,    // fetching the catalog and the user's own data
    Ready,
    Failed,     // the proxy answered with an error we cannot recover from; message says why
};

struct SignedInUser {
    std::string username;
    bank::Role role = bank::Role::Customer;
    std::string subject_id;
    std::string display_name;
};

struct AppState {
    Phase phase = Phase::Starting;
    std::string status;        // what is happening now, for the loading and error screens
    SignedInUser user;
    std::vector<bank::Product> catalog;
    std::optional<bank::Customer> profile;     // a customer's own record
    std::vector<bank::Customer> book;          // a banker's assigned customers
    int selected_customer = -1;                // index into book, banker view
    int loads_pending = 0;
};

}  // namespace app
