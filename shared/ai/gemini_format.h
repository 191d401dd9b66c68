// The Gemini API's generateContent wire format (POST /v1beta/models/{model}:generateContent, key
// in the x-goog-api-key header): the request that asks for explanations of a shortlist as JSON
// constrained by a responseSchema (product ids limited to the shortlist, exactly one item per
// product), and the reading of the answer: candidates[].content.parts[].text (parts marked
// "thought": true are the model's thinking and are never used), finishReason,
// promptFeedback.blockReason and usageMetadata (thoughtsTokenCount included). No HTTP here.
//
// Models that think (Gemini 2.5 and 3) spend output tokens on thinking before the answer, and
// maxOutputTokens covers both, so the request bounds the thinking per model family and sizes
// the output budget for the answer plus that thinking: thinkingBudget for 2.5, thinkingLevel
// for 3 and later (which also keep temperature at its default 1.0, as Google advises for them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/ai/explanation.h"

namespace bank::ai {

// The default model: a pinned, generally available id (ai.google.dev/gemini-api/docs/models),
// never a moving "-latest" alias whose behaviour can change under a running bank.
inline constexpr const char* kDefaultGeminiModel = "gemini-3.8-flash";

// How a model family takes its thinking and sampling settings.
struct GeminiFamily {
    enum class Thinking { Uncontrolled, Budget, Level } thinking = Thinking::Uncontrolled;
    int thinking_tokens = 0;     // what thinking may use of the output budget
    double temperature = 0.3;
};

// "gemini-2.5-*": a thinkingBudget of 512 tokens (valid for 2.5 Pro, Flash and Flash-Lite) and
// temperature 0.3. "gemini-3*" and later: thinkingLevel "low" (supported by every Gemini 3 model;
// explaining a shortlist needs little reasoning) with room for 4096 thinking tokens, and
// temperature 1.0. Anything else: no thinkingConfig, temperature 0.3.
GeminiFamily gemini_family(std::string_view model);

struct GenerationSettings {
    std::size_t max_words_per_explanation = 60;
};

// The instructions the model gets as systemInstruction: the profile is data, not instructions.
extern const char* const kExplanationInstructions;

// Output tokens for the answer alone: about two tokens a word for every explanation, plus the JSON.
int answer_token_budget(const ExplanationTask& task, const GenerationSettings& settings);

// The generateContent request body. The customer and products travel as one JSON document in
// the user turn, so customer text is always a quoted JSON string value.
nlohmann::json gemini_explanation_request(const ExplanationTask& task, std::string_view model,
                                          const GenerationSettings& settings);

// "/v1beta/models/gemini-3.8-flash:generateContent"; nullopt for a model name that is not
// [a-z0-9.-] (it is operator configuration, but it becomes part of a URL path).
std::optional<std::string> gemini_path(std::string_view model);

enum class GeminiOutcome {
    Answered,             // finishReason STOP with text
    Blocked,              // promptFeedback.blockReason: the prompt was refused
    Truncated,            // finishReason MAX_TOKENS while writing the answer
    TruncatedByThinking,  // finishReason MAX_TOKENS after thinking used most of the budget
    Refused,              // finishReason SAFETY, RECITATION, PROHIBITED_CONTENT, ... : no usable text
    Empty,                // no candidates or no answer text
    Malformed,            // not the generateContent response shape
};

struct GeminiReply {
    GeminiOutcome outcome = GeminiOutcome::Malformed;
    std::string text;            // the answer parts' text joined (never the thought parts)
    std::string finish_reason;
    std::string block_reason;
    long prompt_tokens = 0;
    long output_tokens = 0;      // candidatesTokenCount: the answer, without thinking
    long thought_tokens = 0;     // thoughtsTokenCount
    long total_tokens = 0;
};

GeminiReply parse_gemini_reply(std::string_view body);
const char* to_string(GeminiOutcome outcome);

}  // namespace bank::ai
