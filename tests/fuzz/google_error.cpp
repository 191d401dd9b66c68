// The error body of a Google API (Gemini, Custom Search) and its RetryInfo delay: the proxy waits
// for what it says, so a delay must be a finite, non-negative number of seconds.
#include <cmath>

#include "fuzz_support.h"
#include "shared/ai/google_error.h"

namespace {

void check_delay(const std::optional<double>& seconds) {
    bank::fuzz::require(!seconds || (std::isfinite(*seconds) && *seconds >= 0), "delays are finite and >= 0");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const std::string_view text = fuzz::as_text(data, size);
    if (const auto error = ai::parse_google_api_error(text)) check_delay(error->retry_delay_seconds);
    check_delay(ai::parse_proto_duration(text));
    return 0;
}
