#include "shared/ranking/exclusion_words.h"

namespace bank {

std::string exclusion_for_customer(EligibilityRule rule, const Product& product) {
    switch (rule) {
        case EligibilityRule::MinimumAge:
        case EligibilityRule::MaximumAge:
            // The age range is the product's published audience; the customer knows their age.
            return "The " + product.name + " " + explain_rule(rule, product);
        case EligibilityRule::RiskSuitability:
            return "The " + product.name + " carries more investment risk than your risk profile accepts";
        case EligibilityRule::MinimumIncome:
        case EligibilityRule::MinimumCreditScore:
            return "";
    }
    return "";
}

}  // namespace bank
