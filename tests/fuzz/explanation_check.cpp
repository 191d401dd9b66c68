// The gate for model text (shared/ai/explanation_check.h): whatever a steered or broken model
// writes, an accepted answer explains exactly the shortlist, each product once, in plain text,
// and every text passes the facts check (the check is deterministic: asking again agrees).
#include "ai_support.h"
#include "shared/ai/facts_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const std::string_view text = fuzz::as_text(data, size);
    const ai::ExplanationLimits limits{size == 0 ? 600 : 1 + data[0] % 200u};
    for (const ai::ExplanationTask& task : fuzz::test_tasks()) {
        const ai::FactsCheck facts(ai::explanation_context(task, fuzz::test_bank().catalog));
        for (const ai::ExplanationLimits& l : {ai::ExplanationLimits{}, limits}) {
            const auto checked = ai::check_explanations(text, task, fuzz::test_bank().catalog, l);
            if (const auto* accepted = std::get_if<std::vector<ai::Explanation>>(&checked)) {
                fuzz::check_accepted(*accepted, task.shortlist, l);
                for (const ai::Explanation& e : *accepted) {
                    fuzz::require(!facts.problem(e.text, &fuzz::test_product(e.product_id)), "accepted texts pass the facts check");
                }
            } else {
                fuzz::require(fuzz::printable(std::get<ai::AnswerProblem>(checked).message), "a rejection reason is printable");
            }
        }
    }
    return 0;
}
