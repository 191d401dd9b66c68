// What a user can do, in one place, whether they clicked on the canvas or used the accessible
// DOM mirror (keyboard, screen reader): main.cpp wires the page's requests (wasm/platform) here.
#pragma once

#include <cstdint>
#include <string>

#include "wasm/app_state.h"

namespace app {

// Replaces the customer's interests for this session only and ranks again on the device. The
// edited interests never leave the browser: AI explanations still use the record the proxy holds.
void set_session_interests(AppState& state, const std::string& comma_separated);
void open_customer(AppState& state, int book_index);       // banker: show one customer's cards
bool open_customer_by_id(AppState& state, std::int64_t id);  // false when not in the book
// Banker: go to a customer by id. Anyone outside the book is asked of the proxy, which answers
// 404 for them exactly as for ids that do not exist; the app says the customer is not theirs.
void look_up_customer(AppState& state, std::int64_t id);
// A customer's "Not for me" takes the product off their list at once, with an Undo for a few
// seconds (feedback_flow.h); every other event is sent as it is given.
void give_feedback(AppState& state, std::int64_t customer_id, const std::string& product_id, const char* event);
void undo_not_for_me(AppState& state);  // the Undo of the latest "Not for me"
void more_links(AppState& state, std::int64_t customer_id, const std::string& product_id);
void recompute_all(AppState& state);

}  // namespace app
