// Words the screens use for the core's values.
#pragma once

#include <string>

#include "shared/data/model.h"

namespace app {

const char* category_label(bank::ProductCategory category);   // "Credit card", "Savings", ...
std::string key_facts(const bank::Product& product);           // "19.90% a year · fee EUR 0 a year"
// What the ranking drew on, in the customer's words ("your interests, the products you hold"),
// from RankingResult::signals_used; the engineering names stay in the accessible mirror.
// `their`: phrased for the customer's banker ("their interests") rather than the customer.
std::string signals_in_words(const std::vector<std::string>& signals_used, bool their = false);
// "Explained by Gemini", "Written on this device from the reasons above", ...
std::string provider_label(const std::string& provider);
// "Early career", "Retired", ...: the life stage a customer's age falls in.
const char* life_stage_label(int age);
std::string joined(const std::vector<std::string>& items, const char* empty = "-");

}  // namespace app
