// The Gemini API's generateContent wire format (POST /v1beta/models/{model}:generateContent, key
// in the x-goog-api-key header): the request that asks for explanations of a shortlist as JSON
// constrained by a responseSchema (product ids limited to the shortlist), and the reading of the
// answer: candidates[].content.parts[].text, finishReason, promptFeedback.blockReason and
// usageMetadata. No HTTP here; the proxy sends and receives.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/ai/explanation.h"

namespace bank::ai {

struct GenerationSettings {
    double temperature = 0.3;
    int max_output_tokens = 1024;
    std::size_t max_words_per_explanation = 60;
};

// The instructions the model gets as systemInstruction: the profile is data, not instructions.
extern const char* const kExplanationInstructions;

// The generateContent request body. The customer and products travel as one JSON document in
// the user turn, so customer text is always a quoted JSON string value.
nlohmann::json gemini_explanation_request(const ExplanationTask& task, const GenerationSettings& settings);

// "/v1beta/models/gemini-flash-latest:generateContent"; nullopt for a model name that is not
// [a-z0-9.-] (it is operator configuration, but it becomes part of a URL path).
std::optional<std::string> gemini_path(std::string_view model);

enum class GeminiOutcome {
    Answered,   // finishReason STOP with text
    Blocked,    // promptFeedback.blockReason: the prompt was refused
    Truncated,  // finishReason MAX_TOKENS
    Refused,    // finishReason SAFETY, RECITATION, PROHIBITED_CONTENT, ... : no usable text
    Empty,      // no candidates or no text
    Malformed,  // not the generateContent response shape
};

struct GeminiReply {
    GeminiOutcome outcome = GeminiOutcome::Malformed;
    std::string text;            // the parts' text joined, when Answered
    std::string finish_reason;
    std::string block_reason;
    long prompt_tokens = 0;
    long output_tokens = 0;
    long total_tokens = 0;
};

GeminiReply parse_gemini_reply(std::string_view body);
const char* to_string(GeminiOutcome outcome);

}  // namespace bank::ai
