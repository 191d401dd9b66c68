#include "shared/ai/deidentified_profile.h"

#include <algorithm>

#include "shared/ai/text_safety.h"
#include "shared/profile/life_stage.h"

namespace bank::ai {

namespace {

constexpr std::size_t kMaxInterests = 8;
constexpr std::size_t kMaxInterestChars = 60;
constexpr std::size_t kTopSpending = 3;

// Words that would identify the customer if a model repeated them: their names and city.
std::vector<std::string> identifying_words(const Customer& c) {
    std::vector<std::string> words;
    for (const std::string* field : {&c.name, &c.location}) {
        std::size_t pos = 0;
        while (pos < field->size()) {
            const std::size_t end = field->find_first_of(" ,-", pos);
            words.push_back(field->substr(pos, end == std::string::npos ? std::string::npos : end - pos));
            pos = end == std::string::npos ? field->size() : end + 1;
        }
        words.push_back(*field);
    }
    words.push_back(std::to_string(c.id));
    return words;
}

}  // namespace

std::string income_band(double annual_income) {
    if (annual_income < 20000) return "under 20,000 EUR a year";
    if (annual_income < 40000) return "20,000-40,000 EUR a year";
    if (annual_income < 70000) return "40,000-70,000 EUR a year";
    if (annual_income < 120000) return "70,000-120,000 EUR a year";
    return "120,000 EUR a year or more";
}

DeidentifiedProfile deidentify(const Customer& customer, const std::vector<CategorySpend>& spending,
                               const std::vector<Product>& catalog) {
    DeidentifiedProfile p;
    p.life_stage = to_string(life_stage_for_age(customer.age));
    p.income_band = income_band(customer.annual_income);
    p.risk_appetite = to_string(customer.risk_profile);

    const auto redact = identifying_words(customer);
    for (const std::string& interest : customer.interests) {
        if (p.interests.size() == kMaxInterests) break;
        std::string clean = clean_customer_text(interest, redact, kMaxInterestChars);
        if (!clean.empty() && std::find(p.interests.begin(), p.interests.end(), clean) == p.interests.end())
            p.interests.push_back(std::move(clean));
    }
    for (const std::string& held : customer.products_held) {
        for (const Product& product : catalog) {
            if (product.id != held) continue;
            const std::string category = to_string(product.category);
            if (std::find(p.held_categories.begin(), p.held_categories.end(), category) == p.held_categories.end())
                p.held_categories.push_back(category);
        }
    }
    std::sort(p.held_categories.begin(), p.held_categories.end());
    for (const CategorySpend& s : spending) {
        if (p.top_spending.size() == kTopSpending) break;
        p.top_spending.push_back(s.category);
    }
    return p;
}

nlohmann::json to_json(const DeidentifiedProfile& p) {
    return {{"life_stage", p.life_stage},
            {"income_band", p.income_band},
            {"risk_appetite", p.risk_appetite},
            {"interests_in_their_own_words", p.interests},
            {"holds_product_categories", p.held_categories},
            {"spends_most_on", p.top_spending}};
}

}  // namespace bank::ai
