// A generateContent answer from Gemini (or from anything that answers at its address), read as
// the proxy reads it: parse_gemini_reply, then, for an answered reply, the explanation gate.
#include "ai_support.h"
#include "shared/ai/gemini_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const ai::GeminiReply reply = ai::parse_gemini_reply(fuzz::as_text(data, size));
    fuzz::require(reply.outcome != ai::GeminiOutcome::Answered || !reply.text.empty(), "an answer has text");
    fuzz::require(reply.outcome != ai::GeminiOutcome::Blocked || !reply.block_reason.empty(),
                  "a blocked prompt says why");
    fuzz::require(reply.outcome != ai::GeminiOutcome::TruncatedByThinking || reply.thought_tokens > reply.output_tokens,
                  "truncation is blamed on thinking only when thinking took most of the output");
    if (reply.outcome != ai::GeminiOutcome::Answered) return 0;
    const ai::ExplanationTask& task = fuzz::test_tasks().front();
    const auto checked = ai::check_explanations(reply.text, task, fuzz::test_bank().catalog);
    if (const auto* accepted = std::get_if<std::vector<ai::Explanation>>(&checked)) {
        fuzz::check_accepted(*accepted, task.shortlist);
    }
    return 0;
}
