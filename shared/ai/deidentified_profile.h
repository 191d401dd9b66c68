// The only description of a customer that may leave the bank for an AI provider (DESIGN.md:
// "what leaves the browser for an AI provider is de-identified"). Bands and categories, never a
// name, id, exact age, exact income, credit score, gender or location. The customer's own words
// (interests) are cleaned (text_safety.h) and travel as quoted data, never as instructions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/data/model.h"
#include "shared/profile/spending.h"

namespace bank::ai {

struct DeidentifiedProfile {
    std::string life_stage;                    // "early career" (shared/profile/life_stage.h)
    std::string income_band;                   // "40,000-70,000 EUR a year"
    std::string risk_appetite;                 // "Moderate"
    std::vector<std::string> interests;        // the customer's words, cleaned; at most 8
    std::vector<std::string> held_categories;  // categories of products held, e.g. "card"
    std::vector<std::string> top_spending;     // merchant categories, largest share first; at most 3
};

DeidentifiedProfile deidentify(const Customer& customer, const std::vector<CategorySpend>& spending,
                               const std::vector<Product>& catalog);

// Income in wide bands: "under 20,000 EUR a year", ..., "120,000 EUR a year or more".
std::string income_band(double annual_income);

nlohmann::json to_json(const DeidentifiedProfile& profile);

}  // namespace bank::ai
