// The gate every model answer passes before anyone sees it. The answer must be the JSON the
// response schema asked for, name exactly the shortlisted products (each once, none invented),
// every text must be plain and short, and every text must pass the facts check (facts_check.h):
// figures the catalog states for that product, no other product or brand, no claims, no links,
// no echo of the prompt. Anything else rejects the whole answer: a model that was steered by
// injected text is not trusted for the rest of its answer either, and the caller falls back to
// offline explanations.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "shared/ai/answer_problem.h"
#include "shared/ai/explanation.h"

namespace bank::ai {

struct ExplanationLimits {
    std::size_t max_chars = 600;  // per explanation
};

// The explanations in the model's order, or why the answer was rejected.
std::variant<std::vector<Explanation>, AnswerProblem> check_explanations(
    std::string_view model_text, const ExplanationTask& task, const std::vector<Product>& catalog,
    const ExplanationLimits& limits = {});

}  // namespace bank::ai
