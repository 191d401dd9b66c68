// The app's small state machine: who is signed in, then the data that user may see.
#pragma once

#include "wasm/app_state.h"

namespace app {

void start_session(AppState& state);      // on page load: GET /api/me
void on_signed_in(AppState& state);       // the sign-in form succeeded
void sign_out(AppState& state);
// The proxy no longer knows the session (it expired, or the proxy restarted): back to the sign-in
// form, which keeps the username typed; everything the user's data left on this page is dropped.
void session_ended(AppState& state);
// Demo mode (no proxy): the bundled synthetic data, viewed as a customer or as a banker.
void start_demo(AppState& state, bank::Role role);

}  // namespace app
