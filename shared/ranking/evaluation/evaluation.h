// One evaluation: every ranker on the same customers, each metric with a bootstrap interval, the
// hybrid's paired lead over each baseline, catalog coverage and exposure across groups.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/ranking/evaluation/bootstrap.h"
#include "shared/ranking/evaluation/metrics.h"
#include "shared/ranking/evaluation/rankers.h"

namespace bank {

struct EvaluationOptions {
    std::size_t k = 7;
    std::uint64_t seed = 42;
    std::size_t bootstrap_samples = 1000;
    std::size_t min_group_size = 20;  // smaller groups are left out of exposure ratios
};

struct RankerResult {
    std::string ranker;
    Interval map, ndcg, recall, hit;
    double coverage = 0;
    ExposureRatio gender, age_band;
    Interval hybrid_lead;  // MAP@k of the hybrid minus this ranker's, paired
};

struct EvaluationReport {
    std::string protocol;
    std::string text_encoder;  // label of the encoder behind the semantic signal
    std::size_t k = 0;
    std::size_t cases = 0;
    std::size_t catalog_size = 0;
    AvailableSignals available;
    RankingWeights weights;
    std::vector<RankerResult> rankers;  // random, popularity, co-ownership, semantic, hybrid
};

EvaluationReport evaluate(const EvalData& data, const EvalContext& ctx,
                          const std::vector<PreparedCase>& cases, const RankingWeights& weights,
                          const EvaluationOptions& options);

// MAP@k of the hybrid alone: what the weight search maximizes on the validation customers.
double hybrid_map(const EvalContext& ctx, const std::vector<PreparedCase>& cases,
                  const RankingWeights& weights, std::size_t k);

}  // namespace bank
