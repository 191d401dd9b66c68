// What the AI layer is asked to explain: the ranker's shortlist for one customer, with the reason
// codes that drove each product, and the de-identified profile. The shortlist was chosen by the
// ranker from the real catalog; the model only writes the words (DESIGN.md: never invents products).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/ai/deidentified_profile.h"
#include "shared/data/model.h"
#include "shared/ranking/reasons.h"

namespace bank::ai {

struct Shortlist {
    std::vector<const Product*> products;                    // in the ranker's order
    std::map<std::string, std::vector<ReasonCode>> reasons;  // product id -> codes, strongest first
};

struct ExplanationTask {
    DeidentifiedProfile profile;
    Shortlist shortlist;
};

struct Explanation {
    std::string product_id;
    std::string text;
};

// "matches-interests" -> ReasonCode::MatchesInterests; nullopt for anything else.
std::optional<ReasonCode> parse_reason_code(std::string_view text);

// A plain phrase for a reason, for prompts and offline explanations, worded so it reads right to
// the customer and to their banker alike: "it suits the spending pattern".
const char* reason_phrase(ReasonCode code);

// The explanations the app shows with no AI provider: built from the reason codes and the
// catalog's own description, so they are always true and always available.
std::vector<Explanation> offline_explanations(const Shortlist& shortlist);

// The first sentence(s) of a product description (for short texts).
std::string first_sentence(const std::string& text);
std::string first_sentences(const std::string& text, int count);

}  // namespace bank::ai
