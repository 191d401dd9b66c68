// Feedback on a recommendation: "interested" / "not_for_me" (customers), "offered" / "accepted"
// (bankers), kept by our proxy, where it feeds the behavioral part of the ranker. In demo mode it
// stays on the device.
#pragma once

#include <string>

#include "wasm/app_state.h"

namespace app {

void send_feedback(AppState& state, RankedCustomer& who, const std::string& product_id, const char* event);

// "Not for me": the product leaves the customer's list at once and the next one comes up (ranked
// again on the device). For kUndoSeconds an Undo puts it back; when the window closes the event
// goes to the proxy, whose feedback API keeps events and has no revoke. Another decline closes
// the window of the one before.
constexpr int kUndoSeconds = 8;
void decline_product(AppState& state, RankedCustomer& who, const std::string& product_id);
void undo_decline(AppState& state);
// The latest feedback per customer and product, for the book table and the cards; products a
// customer said were not for them stay out of their list.
void load_feedback(AppState& state);

}  // namespace app
