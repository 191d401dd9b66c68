// The rankers the evaluator compares: the learned propensity model, the hand-weighted hybrid and
// their baselines (random, popularity, popularity within segment x age band, co-ownership only,
// semantic only). All of them see the same candidates (rules
// applied, held products removed), so the comparison is about scoring, not about filtering.
#pragma once

#include <cstdint>
#include <vector>

#include "train/evaluation/prepared_cases.h"

namespace bank {

enum class Ranker { Random, Popularity, PeerPopularity, CoOwnership, Semantic, Hybrid, Learned };

const char* to_string(Ranker r);  // "random", "popularity", "co-ownership only", ...

// Catalog indices of the top `k`, best first. Baselines rank by pure relevance (ties by product
// id); the hybrid uses the weights and MMR diversity. `seed` drives the random baseline only.
std::vector<int> recommend(const EvalContext& ctx, const PreparedCase& c, Ranker ranker,
                           const RankingWeights& weights, std::size_t k, std::uint64_t seed);

}  // namespace bank
