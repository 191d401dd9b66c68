// Feedback on a recommendation: "interested" / "not_for_me" (customers), "offered" / "accepted"
// (bankers), kept by our proxy, where it feeds the behavioral part of the ranker. In demo mode it
// stays on the device.
#pragma once

#include <string>

#include "wasm/app_state.h"

namespace app {

void send_feedback(AppState& state, RankedCustomer& who, const std::string& product_id, const char* event);
// The latest feedback per customer and product, for the book table and the cards.
void load_feedback(AppState& state);

}  // namespace app
