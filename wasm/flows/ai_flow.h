// The app's calls that go beyond ranking: AI explanations and the digest for the shortlist on
// screen, feedback, and the banker's audited export. Each is one request to our proxy, which
// holds the keys and de-identifies; in demo mode (no proxy) the offline providers compiled from
// shared/ai answer on the device instead.
#pragma once

#include <string>

#include "app_state.h"

namespace app {

// Asks for explanations and the digest of `who`'s current recommendations, once per ranking
// (the proxy rate-limits AI calls per session, so this runs when a customer is opened, never
// for a whole book).
void request_insight(AppState& state, RankedCustomer& who);
// The search provider's links for one product (on request: the proxy rate-limits AI calls).
void request_links(AppState& state, RankedCustomer& who, const std::string& product_id);
// Forget the answers when the ranking changed (interests edited, recompute).
void reset_insight(RankedCustomer& who);

// "interested" / "not_for_me" (customers), "offered" / "accepted" (bankers).
void send_feedback(AppState& state, RankedCustomer& who, const std::string& product_id, const char* event);
// The latest feedback per customer and product, for the book table and the cards.
void load_feedback(AppState& state);

// Banker: records the export in the proxy's audit trail, then saves next-best-actions.csv.
void export_next_best_actions(AppState& state);

}  // namespace app
