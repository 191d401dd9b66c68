// The gate every model answer passes before anyone sees it. The answer must be the JSON the
// response schema asked for, name exactly the shortlisted products (each once, none invented),
// and every text must be plain, short, and must not name a catalog product outside the shortlist.
// Anything else rejects the whole answer: a model that was steered by injected text is not
// trusted for the rest of its answer either, and the caller falls back to offline explanations.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "shared/ai/explanation.h"

namespace bank::ai {

struct ExplanationLimits {
    std::size_t max_chars = 600;  // per explanation
};

// The explanations in the model's order, or why the answer was rejected.
std::variant<std::vector<Explanation>, std::string> check_explanations(
    std::string_view model_text, const Shortlist& shortlist, const std::vector<Product>& catalog,
    const ExplanationLimits& limits = {});

}  // namespace bank::ai
