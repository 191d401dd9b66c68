// Words the screens use for the core's values.
#pragma once

#include <string>

#include "shared/data/model.h"
#include "shared/ranking/reasons.h"

namespace app {

const char* category_label(bank::ProductCategory category);   // "Credit card", "Savings", ...
// "19.9% APR · No annual fee", "2.25% a year", "Premium €540 a year": a card's or loan's rate as an
// APR, a saver's as a yearly rate, amounts in euros as an English-speaking euro-area customer reads them.
std::string key_facts(const bank::Product& product);
std::string euros(double amount);  // "€72", "€1,500", "€4.90"
// What the ranking drew on, in the customer's words ("your interests, the products you hold"),
// from RankingResult::signals_used; the engineering names stay in the accessible mirror.
// `their`: phrased for the customer's banker ("their interests") rather than the customer.
std::string signals_in_words(const std::vector<std::string>& signals_used, bool their = false);
// "Explained by Gemini", "Written on this device from the reasons above", ...
std::string provider_label(const std::string& provider);
// "Early career", "Retired", ...: the life stage a customer's age falls in.
const char* life_stage_label(int age);
// "Offered", "Not for me", ...: a feedback event ("offered", "not_for_me") as people read it.
std::string feedback_event_label(const std::string& event);
// The one score the app shows, the same on the customer's cards, the banker's book and the CSV:
// the learned model's calibrated likelihood of taking the product up, as a whole percent ("38%",
// "<1%"). The hand-weighted hybrid has no likelihood (-1): "" then, and the screens show order only.
std::string likelihood_percent(float likelihood);
// The card's line for it: "38% likely to be your next product" ("their" for the banker); "" for
// the hybrid, which ranks without a likelihood.
std::string likelihood_words(float likelihood, bank::Voice voice);
// The legend of that number, once per screen (the "How this works" sheet).
std::string likelihood_legend(bool learned, bank::Voice voice);
std::string joined(const std::vector<std::string>& items, const char* empty = "-");

}  // namespace app
