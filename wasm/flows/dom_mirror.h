// The canvas is invisible to screen readers, so the page keeps an accessible DOM copy of what the
// app shows (ARIA live region + lists). End-to-end tests read the page through the same mirror.
#pragma once

#include "wasm/app_state.h"

namespace app {

void publish_state(const AppState& state);

}  // namespace app
