// The AI features for the shortlist on screen: a personal explanation per product and a digest,
// and on request the search provider's links to apply. Each is a request to our proxy, which holds
// the keys and de-identifies; in demo mode (no proxy) the offline providers compiled from shared/ai
// answer on the device instead.
#pragma once

#include <string>

#include "wasm/app_state.h"

namespace app {

// Asks for explanations and the digest of `who`'s current recommendations, once per ranking
// (the proxy rate-limits AI calls per session, so this runs when a customer is opened, never
// for a whole book).
void request_insight(AppState& state, RankedCustomer& who);
// The search provider's links for one product (on request: the proxy rate-limits AI calls).
void request_links(AppState& state, RankedCustomer& who, const std::string& product_id);
// Forget the answers when the ranking changed (interests edited, recompute).
void reset_insight(RankedCustomer& who);

}  // namespace app
