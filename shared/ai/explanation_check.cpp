#include "shared/ai/explanation_check.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "shared/ai/json_access.h"
#include "shared/ai/text_safety.h"

namespace bank::ai {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Names of catalog products that are not on the shortlist; a text naming one invents a product.
std::vector<std::string> other_product_names(const Shortlist& shortlist, const std::vector<Product>& catalog) {
    std::vector<std::string> names;
    for (const Product& p : catalog) {
        const bool listed = std::any_of(shortlist.products.begin(), shortlist.products.end(),
                                        [&](const Product* s) { return s->id == p.id; });
        if (!listed) {
            names.push_back(lower(p.name));
            names.push_back(lower(p.id));
        }
    }
    return names;
}

}  // namespace

std::variant<std::vector<Explanation>, std::string> check_explanations(
    std::string_view model_text, const Shortlist& shortlist, const std::vector<Product>& catalog,
    const ExplanationLimits& limits) {
    const auto j = nlohmann::json::parse(model_text, nullptr, false);
    if (j.is_discarded()) return std::string("the answer is not JSON");
    const nlohmann::json* items = member(j, "explanations");
    if (!items || !items->is_array()) return std::string("the answer has no \"explanations\" list");
    if (items->size() != shortlist.products.size())
        return "the answer explains " + std::to_string(items->size()) + " products, not the " +
               std::to_string(shortlist.products.size()) + " asked for";

    std::set<std::string> allowed, seen;
    for (const Product* p : shortlist.products) allowed.insert(p->id);
    const auto others = other_product_names(shortlist, catalog);

    std::vector<Explanation> out;
    for (const auto& item : *items) {
        const nlohmann::json* id = member(item, "product_id");
        const nlohmann::json* text = member(item, "text");
        if (!id || !id->is_string() || !text || !text->is_string())
            return std::string("an explanation lacks a product_id or a text");
        const std::string& pid = id->get_ref<const std::string&>();
        if (!allowed.count(pid)) return std::string("the answer names a product that was not asked for");
        if (!seen.insert(pid).second) return std::string("the answer explains a product twice");
        const std::string& t = text->get_ref<const std::string&>();
        if (auto problem = plain_text_problem(t, limits.max_chars)) return "an explanation " + *problem;
        const std::string lowered = lower(t);
        for (const std::string& name : others) {
            if (!name.empty() && lowered.find(name) != std::string::npos)
                return std::string("an explanation mentions a product that was not asked for");
        }
        out.push_back({pid, t});
    }
    return out;
}

}  // namespace bank::ai
