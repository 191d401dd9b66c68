// Hard eligibility and suitability rules. They run before any scoring, and they are data, not
// code: every threshold comes from the product's catalog row (Eligibility in model.h), so adding
// a product with new limits needs no code change. A limit left at Eligibility's default is no
// limit, and a rule whose customer field is unknown (see KnownFields) is not applied rather than
// guessed.
#pragma once

#include <optional>
#include <string>

#include "shared/data/model.h"
#include "shared/profile/known_fields.h"

namespace bank {

enum class EligibilityRule { MinimumAge, MaximumAge, MinimumIncome, MinimumCreditScore, RiskSuitability };

// Risk levels a risk profile accepts (data/SCHEMA.md): High only for Aggressive, Medium for
// Moderate or Aggressive, Low for everyone.
bool risk_suitable(RiskProfile profile, RiskLevel level);

// The first rule (in the order of the enum) that excludes the product, or nothing if eligible.
std::optional<EligibilityRule> failed_rule(const Customer& customer, const Product& product,
                                           const KnownFields& known = {});

// Why a rule excludes a product, for the customer: "is for customers aged 18 to 30".
std::string explain_rule(EligibilityRule rule, const Product& product);

const char* to_string(EligibilityRule rule);  // "minimum age", ...

}  // namespace bank
