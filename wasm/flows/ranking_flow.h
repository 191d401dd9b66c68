// Ranking on the device: once the catalog, the aggregate behavioral model and the weights have
// arrived, build the ranker and rank the signed-in customer, or a banker's book a few customers
// per frame so the progress bar moves and the page never freezes.
#pragma once

#include "shared/api/customer_record.h"
#include "wasm/app_state.h"

namespace app {

// The customer with this id: the signed-in customer or one of the banker's book; null if neither.
// Async callbacks look customers up again by id, as the book may have been reloaded meanwhile.
RankedCustomer* customer_by_id(AppState& state, std::int64_t id);

// A customer record as the proxy sends it (shared/api/customer_record.h), ready to be ranked.
RankedCustomer ranked_customer(bank::api::CustomerRecord record);

// False (and the state says why) when the pieces do not fit together.
bool prepare_ranker(AppState& state);
void rank_customer_now(const AppState& state, RankedCustomer& who);

void start_book_ranking(AppState& state);
void continue_book_ranking(AppState& state);  // call every frame; cheap when nothing is pending

}  // namespace app
