#include "shared/ai/explanation_check.h"

#include <array>
#include <map>
#include <set>

#include "shared/ai/answer_text.h"
#include "shared/ai/facts_check.h"
#include "shared/ai/text_safety.h"
#include "shared/data/json_depth.h"
#include "shared/data/json_fields.h"

namespace bank::ai {

namespace {

constexpr std::array<std::string_view, 2> kItemFields = {"product_id", "text"};

AnswerProblem format(std::string message) { return {AnswerFault::Format, std::move(message)}; }

}  // namespace

std::variant<std::vector<Explanation>, AnswerProblem> check_explanations(
    std::string_view model_text, const ExplanationTask& task, const std::vector<Product>& catalog,
    const ExplanationLimits& limits) {
    const Shortlist& shortlist = task.shortlist;
    const auto j = parse_json_within_depth(model_text);
    if (j.is_discarded()) return format("the answer is not JSON");
    const auto items = j.is_object() ? j.find("explanations") : j.end();
    if (!j.is_object() || items == j.end() || !items->is_array())
        return format("the answer has no \"explanations\" list");
    if (items->size() != shortlist.products.size())
        return format("the answer explains " + std::to_string(items->size()) + " products, not the " +
                      std::to_string(shortlist.products.size()) + " asked for");

    std::map<std::string, const Product*> allowed;
    for (const Product* p : shortlist.products) allowed[p->id] = p;
    std::set<std::string> seen;
    const FactsCheck facts(explanation_context(task, catalog));
    std::vector<Explanation> out;
    for (std::size_t i = 0; i < items->size(); ++i) {
        JsonFields fields((*items)[i], "explanations[" + std::to_string(i) + "]", kItemFields.data());
        std::string pid = fields.required_text(0, "a product id");
        std::string text = fields.text(1);
        if (fields.failed()) return format(fields.error().message());
        const auto product = allowed.find(pid);
        if (product == allowed.end())
            return {AnswerProblem{AnswerFault::UnlistedProduct, "the answer names a product that was not asked for"}};
        if (!seen.insert(pid).second) return format("the answer explains a product twice");
        if (web_address(text))
            return {AnswerProblem{AnswerFault::Link, "the explanation of " + pid + " holds a web or e-mail address"}};
        if (auto problem = plain_text_problem(text, limits.max_chars)) return format("an explanation " + *problem);
        if (auto problem = facts.problem(text, product->second)) {
            problem->message = "the explanation of " + pid + " " + problem->message;
            return *std::move(problem);
        }
        out.push_back({std::move(pid), std::move(text)});
    }
    return out;
}

}  // namespace bank::ai
