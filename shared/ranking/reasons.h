// Reason codes: why a product was recommended, in words a customer understands, derived from the
// signals that actually carried its score (each signal's weighted lead over the average candidate),
// not from a template per product.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "shared/ranking/signals.h"

namespace bank {

enum class ReasonCode {
    MatchesInterests,  // semantic: profile text close to the product text
    StyleMatch,        // image: profile close to the product's picture (CLIP)
    HeldTogether,      // co-ownership with a product the customer has
    PopularChoice,     // co-ownership signal from popularity alone
    FitsSpending,      // spending mix like that of the product's holders
    FitsLifeStage,     // context: life stage like that of its holders
    FitsBankingStyle,  // context: engagement / sentiment / social activity like its holders'
    FitsFinances       // context: income, credit score, risk appetite like its holders'
};

struct Reason {
    ReasonCode code;
    float contribution = 0;  // weighted lead of the signal over the average candidate
    std::string text;        // "Often held together with your Everyday Current Account"
};

const char* to_string(ReasonCode code);  // stable machine id: "matches-interests", ...

// Everything the reasons are derived from, for one customer.
struct ReasonInput {
    const RankingCatalog* catalog = nullptr;
    const BehaviorModel* model = nullptr;
    const Customer* customer = nullptr;
    const CustomerFeatures* features = nullptr;
    const SignalTable* signals = nullptr;
    const RankingWeights* weights = nullptr;
    std::array<float, kSignalCount> candidate_mean{};  // mean signal over the candidates
};

std::array<float, kSignalCount> candidate_means(const SignalTable& table,
                                                const std::vector<unsigned char>& candidate);

// The customer's interests that the product's own text names (a word of the interest, or its first
// five letters: "travelling" ~ "travel"), at most two: the part of a text match a person can check.
std::vector<std::string> matched_interests(const Customer& customer, const Product& product);
// "travel" or "travel and photography".
std::string join_two(const std::vector<std::string>& items);

// Up to three reasons, strongest first; at least one whenever a signal was available.
std::vector<Reason> reasons_for(const ReasonInput& in, int product);

}  // namespace bank
