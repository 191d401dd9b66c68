#include "shared/ranking/eligibility.h"

#include <cmath>

namespace bank {

namespace {

// "40,000" without locale dependence.
std::string whole_euros(double amount) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(amount)));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

const char* risk_word(RiskLevel level) {
    switch (level) {
        case RiskLevel::Low:
            return "low";
        case RiskLevel::Medium:
            return "medium";
        case RiskLevel::High:
            return "high";
    }
    return "";
}

}  // namespace

bool risk_suitable(RiskProfile profile, RiskLevel level) {
    switch (level) {
        case RiskLevel::Low:
            return true;
        case RiskLevel::Medium:
            return profile != RiskProfile::Conservative;
        case RiskLevel::High:
            return profile == RiskProfile::Aggressive;
    }
    return false;
}

std::optional<EligibilityRule> failed_rule(const Customer& c, const Product& p, const KnownFields& known) {
    const Eligibility& e = p.eligibility;
    if (known.age && c.age < e.min_age) return EligibilityRule::MinimumAge;
    if (known.age && c.age > e.max_age) return EligibilityRule::MaximumAge;
    if (known.income && c.annual_income < e.min_income) return EligibilityRule::MinimumIncome;
    if (known.credit_score && e.min_credit_score > 0 && c.credit_score < e.min_credit_score) {
        return EligibilityRule::MinimumCreditScore;
    }
    if (known.risk_profile && !risk_suitable(c.risk_profile, e.risk_level)) {
        return EligibilityRule::RiskSuitability;
    }
    return std::nullopt;
}

// The project's catalog writes "no upper limit" as the largest age its schema allows (120); a
// generic catalog leaves the cell empty (kNoMaximumAge). Either way no one is that old.
constexpr int kNoUpperAgeLimit = 100;

std::string explain_rule(EligibilityRule rule, const Product& p) {
    const Eligibility& e = p.eligibility;
    switch (rule) {
        case EligibilityRule::MinimumAge:
        case EligibilityRule::MaximumAge:
            if (e.max_age >= kNoUpperAgeLimit) return "is for customers aged " + std::to_string(e.min_age) + " or over";
            // A junior product with no lower limit: "aged 0 to 17" would read oddly.
            if (e.min_age <= 0) return "is for customers aged " + std::to_string(e.max_age) + " or under";
            return "is for customers aged " + std::to_string(e.min_age) + " to " + std::to_string(e.max_age);
        case EligibilityRule::MinimumIncome:
            return "needs an annual income of at least " + whole_euros(e.min_income) + " EUR";
        case EligibilityRule::MinimumCreditScore:
            return "needs a credit score of at least " + std::to_string(e.min_credit_score);
        case EligibilityRule::RiskSuitability:
            return std::string("carries ") + risk_word(e.risk_level) +
                   " investment risk, more than your risk profile accepts";
    }
    return "";
}

const char* to_string(EligibilityRule rule) {
    switch (rule) {
        case EligibilityRule::MinimumAge:
            return "minimum age";
        case EligibilityRule::MaximumAge:
            return "maximum age";
        case EligibilityRule::MinimumIncome:
            return "minimum income";
        case EligibilityRule::MinimumCreditScore:
            return "minimum credit score";
        case EligibilityRule::RiskSuitability:
            return "risk suitability";
    }
    return "";
}

}  // namespace bank
