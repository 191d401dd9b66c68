// A customer described in a few plain sentences: life stage, occupation, interests, recent
// purchases, where the money goes and the goals their holdings and spending suggest. This text is what the
// semantic encoders (SBERT, CLIP text, the lexical fallback) embed, and what may be shown to the
// customer as "what we based this on".
//
// Private by construction: no name, location, gender, exact age, income or credit figure ever
// enters it, whatever the customer record holds.
#pragma once

#include <string>
#include <vector>

#include "shared/data/model.h"
#include "shared/profile/known_fields.h"
#include "shared/profile/spending.h"

namespace bank {

// `spending` is the customer's spending_mix (may be empty); `catalog` tells the categories of the
// held products, from which goals are inferred (ids not in it are ignored).
std::string profile_text(const Customer& customer, const std::vector<CategorySpend>& spending,
                         const std::vector<Product>& catalog, const KnownFields& known = {});

// The goals part alone, phrases like "saving to buy a home"; used by the text and by tests.
std::vector<std::string> inferred_goals(const Customer& customer, const std::vector<CategorySpend>& spending,
                                        const std::vector<Product>& catalog);

}  // namespace bank
