// A Hugging Face router answer (summary, or the loading 503 with estimated_time), read as the
// proxy reads it, then the summary gate with the facts check; and the offline extractive summary of
// the same text.
#include <cmath>

#include "ai_support.h"
#include "shared/ai/summary.h"
#include "shared/ai/text_safety.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const std::string_view text = fuzz::as_text(data, size);
    const ai::SummarizerReply reply = ai::parse_hf_summarization_reply(text);
    fuzz::require(!reply.answered || !reply.summary.empty(), "an answer has a summary");
    fuzz::require(!reply.estimated_time || std::isfinite(*reply.estimated_time), "estimated_time is a number");
    if (reply.answered && !ai::check_summary(reply.summary, fuzz::test_shortlists().front(), fuzz::test_bank().catalog)) {
        fuzz::require(fuzz::printable(reply.summary), "an accepted summary is printable");
        fuzz::require(!ai::summary_problem(reply.summary), "an accepted summary is plain text");
    }
    const std::string digest = ai::extractive_summary(text, 3);
    fuzz::require(digest.size() <= text.size() + 3, "an extractive summary is made of the text");
    return 0;
}
