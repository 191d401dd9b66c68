// "Why not these?" as the customer reads it. The banker's text names the threshold ("needs a
// credit score of at least 680"), which told customer 101 that his score is below it: the bank's
// assessment of him, not a fact he gave. The customer is told only what they know already (their
// age, the risk profile they chose) and no figure of the bank's own.
#pragma once

#include <string>

#include "shared/ranking/eligibility.h"

namespace bank {

// "The Student Account is for students and young customers", "The Technology and AI Fund carries
// more investment risk than your risk profile accepts"; "" for an income or credit-score rule,
// which is not shown to the customer at all.
std::string exclusion_for_customer(EligibilityRule rule, const Product& product);

}  // namespace bank
