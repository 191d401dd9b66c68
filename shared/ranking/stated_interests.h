// Interests the customer typed for this visit ("Adjust for this visit") are their explicit intent,
// which the learned model hears only faintly (its text similarity is one feature among many). A
// documented step after the model lets them bear on the order where they bear on a product:
//   - a typed interest answers a product when the product's catalog words name it, directly or
//     through a small theme vocabulary ("Stocks", "ETF", "Crypto" are investing: the investment
//     products; "Pension" is retirement: products whose words name retirement or pensions);
//   - the eligible products so answered, at most kMaxLifted of them (the model's likeliest first),
//     are ordered as if kLift times as likely as the model says: a bounded move, never a product
//     the rules exclude, and the likelihood shown stays the model's own;
//   - the page says what moved and for which interest.
// Interests the customer did not type (their record's) change nothing here: no typed interests,
// the model's order exactly.
#pragma once

#include <string>
#include <vector>

#include "shared/data/model.h"

namespace bank {

// What the customer said during this visit, on this device only: interests typed for the visit
// and products they marked "Not for me" (left out of the list until they undo it).
struct VisitChoices {
    std::vector<std::string> stated_interests;
    std::vector<std::string> not_for_me;  // product ids
};

constexpr float kStatedInterestLift = 8.0f;
constexpr std::size_t kMaxLiftedProducts = 3;

// The words shown for the typed interest the product answers ("investing", "golf"), or "".
std::string stated_interest_for(const Product& product, const std::vector<std::string>& stated);

struct InterestLift {
    int product = -1;      // catalog index
    std::string interest;  // "investing"
};

// Lifts `ordering` (per catalog product, larger first) of at most kMaxLiftedProducts candidates
// that answer a typed interest. `log_scale`: the ordering adds log-likelihoods (the hybrid), so the
// lift is added as log(kLift) instead of multiplied.
std::vector<InterestLift> lift_stated_interests(const std::vector<Product>& catalog,
                                                const std::vector<std::string>& stated,
                                                const std::vector<unsigned char>& candidate,
                                                std::vector<float>& ordering, bool log_scale);

// What the page says: "Moved up for your interest in investing: Global Index Fund and Robo-Investor."
// per interest, or why nothing moved. `lifted`: lift_stated_interests' answer; `moved`: those of
// them that rose in the shortlist, in list order. No interests typed: "".
std::string stated_interests_note(const std::vector<std::string>& stated, const std::vector<InterestLift>& lifted,
                                  const std::vector<InterestLift>& moved, const std::vector<Product>& catalog);

}  // namespace bank
