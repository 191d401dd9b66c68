// The gate for model text (shared/ai/explanation_check.h): whatever a steered or broken model
// writes, an accepted answer explains exactly the shortlist, each product once, in plain text.
#include "ai_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const std::string_view text = fuzz::as_text(data, size);
    const ai::ExplanationLimits limits{size == 0 ? 600 : 1 + data[0] % 200u};
    for (const ai::Shortlist& shortlist : fuzz::test_shortlists()) {
        for (const ai::ExplanationLimits& l : {ai::ExplanationLimits{}, limits}) {
            const auto checked = ai::check_explanations(text, shortlist, fuzz::test_bank().catalog, l);
            if (const auto* accepted = std::get_if<std::vector<ai::Explanation>>(&checked)) {
                fuzz::check_accepted(*accepted, shortlist, l);
            } else {
                fuzz::require(fuzz::printable(std::get<std::string>(checked)), "a rejection reason is printable");
            }
        }
    }
    return 0;
}
