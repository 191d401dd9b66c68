// Reasons for a learned recommendation: the features that actually raised that product's score
// (TreeSHAP contributions), in words. A reason is shown only where the customer's own data
// supports it: "Often taken together with your Savings Account" only if they hold it, "Matches
// your interest in travel" only if the product's own words name an interest they gave, spending
// only in categories they spend in. Features that describe the product are not reasons.
#pragma once

#include <vector>

#include "shared/ranking/propensity/propensity_model.h"
#include "shared/ranking/reasons.h"

namespace bank {

// Up to `most` reasons, strongest first; none when no personal feature raised the score. Spending
// is a reason only in a category that bears on the product (product_words.h).
std::vector<Reason> propensity_reasons(const PropensityModel& model, const std::vector<Product>& catalog,
                                       const PropensityCustomer& customer, int product,
                                       const std::vector<float>& contributions, std::size_t most = 3);

}  // namespace bank
