#include "wasm/flows/failure_note.h"

#include "shared/api/api_error.h"
#include "shared/data/json_depth.h"

namespace app {

std::string failure_note(const HttpResponse& r) {
    const auto error = bank::api::read_api_error(bank::parse_json_within_depth(r.body), "the bank's answer");
    if (error.ok() && !error.value().message.empty()) return error.value().message;
    if (r.status == 0) return "The bank's server could not be reached. Check your connection; nothing was changed.";
    if (r.status >= 500) return "The bank's server could not do this just now. Try again in a moment.";
    return "The bank's server did not accept this (status " + std::to_string(r.status) + ").";
}

}  // namespace app
