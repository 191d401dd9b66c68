// The banker's export of next best actions: recorded in the proxy's audit trail first, and saved
// as next-best-actions.csv only once the proxy has recorded it (in demo mode, saved at once). The
// file reads as the screen does: likelihoods as "38%", feedback and categories in words.
#pragma once

#include "wasm/app_state.h"

namespace app {

void export_next_best_actions(AppState& state);

}  // namespace app
