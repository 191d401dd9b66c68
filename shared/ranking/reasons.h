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

// Who reads a reason: the customer ("your") or their banker ("their").
enum class Voice { Customer, Banker };

struct Reason {
    ReasonCode code;
    float contribution = 0;   // weighted lead of the signal over the average candidate
    std::string text;         // to the customer: "Often held together with your Everyday Current Account"
    std::string banker_text;  // to their banker: "... with their Everyday Current Account"; "" = text
    bool personal = true;     // drawn from the customer's own data ("One of our most popular" is not)
};

// A reason in both voices.
Reason voiced(ReasonCode code, float contribution, std::string yours, std::string theirs, bool personal = true);
const std::string& reason_text(const Reason& reason, Voice voice);

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

// Up to `most` reasons, strongest first; at least one whenever a signal was available.
std::vector<Reason> reasons_for(const ReasonInput& in, int product, std::size_t most = 3);

}  // namespace bank
