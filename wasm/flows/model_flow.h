// SBERT on the device: once the MiniLM model has loaded in the page's worker (web/inference), the
// products' text and each customer's profile text are tokenized here (shared/text, the same
// WordPiece as the tests check against transformers.js), embedded by the model, and the ranking
// switches from the lexical encoder to those vectors. If the model cannot load, ranking stays
// lexical and the screens say why. Nothing here leaves the browser.
#pragma once

#include "wasm/app_state.h"

namespace app {

void start_models(AppState& state);     // after the first ranking; not in demo mode
void continue_models(AppState& state);  // every frame: follows the model's loading
// Embeds `who`'s current profile text, then ranks them with it; ranks at once while lexical.
void rerank_with_models(AppState& state, RankedCustomer& who);

}  // namespace app
