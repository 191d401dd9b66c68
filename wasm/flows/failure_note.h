// Why a request to our proxy did not give the app what it asked for, in words for the user.
#pragma once

#include <string>

#include "wasm/platform/browser.h"

namespace app {

// The proxy's error message ({"error":{"code":..,"message":..}}), else what the status says.
std::string failure_note(const HttpResponse& response);

}  // namespace app
