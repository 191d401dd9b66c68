// The hybrid score's weights (DESIGN.md "Ranking"), read from config/ranking.json. The evaluator
// fits them on a validation split and writes that file; EVALUATION.md says how.
//
// score = semantic * cos(profile, product text) + image * cos(profile, product image)
//       + behavioral * (co_ownership * log P(p | held) + spending * spending affinity)
//       + context * context affinity
#pragma once

#include <string>

#include "shared/ranking/checked.h"

namespace bank {

// The defaults are config/ranking.json's fitted values (a unit test keeps the two equal), so code
// that has no file at hand (tests, the evaluator without --weights) ranks as the product does.
struct RankingWeights {
    double semantic = 4.0;
    double image = 0.5;
    double behavioral = 1.0;
    double co_ownership = 1.0;  // share of behavioral from co-ownership
    double spending = 0.2;      // share of behavioral from spending affinity
    double context = 0.2;
    // MMR: 0 = pure relevance, 1 = only category variety. 0 by evaluation, not habit: on both the
    // bundled and the public Santander data any diversity lowered MAP@7 (EVALUATION.md).
    double diversity = 0.0;
    int top_k = 7;
};

// Reads the JSON text of config/ranking.json. Every weight must be a finite number >= 0, diversity
// within 0..1 and top_k within 1..50; unknown keys inside "weights" are errors (a typo would
// otherwise silently keep the default). Other top-level keys (provenance notes) are ignored.
Checked<RankingWeights> parse_ranking_weights(const std::string& json_text);

// The same file content, pretty-printed; `fit_note` is stored under "fit" as provenance.
std::string ranking_weights_json(const RankingWeights& weights, const std::string& fit_note);

}  // namespace bank
