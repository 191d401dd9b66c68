// One evaluation: every ranker on the same customers, each metric with a bootstrap interval, the
// leading model's paired lead over each other ranker (the learned model when its scores are in the
// cases, else the hybrid), catalog coverage, exposure across groups, and the learned model's
// calibration.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "train/evaluation/bootstrap.h"
#include "train/evaluation/metrics.h"
#include "train/evaluation/rankers.h"

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
    Interval lead;  // MAP@k of the leader minus this ranker's, paired
};

// Reliability of the learned likelihoods over every candidate row of the test customers: rows
// binned by predicted likelihood, the mean prediction against the observed share of take-ups.
struct CalibrationBin {
    double low = 0, high = 0;  // likelihood range
    std::size_t rows = 0;
    double predicted = 0, observed = 0;
};
struct Calibration {
    std::vector<CalibrationBin> bins;
    double expected_error = 0;  // ECE: row-weighted mean |predicted - observed|
    std::size_t rows = 0;
};

struct EvaluationReport {
    std::string protocol;
    std::string text_encoder;  // label of the encoder behind the semantic signal
    std::size_t k = 0;
    std::size_t cases = 0;
    std::size_t catalog_size = 0;
    AvailableSignals available;
    RankingWeights weights;
    std::string leader;                 // the ranker whose lead is reported
    std::vector<RankerResult> rankers;  // baselines, hybrid, learned when evaluated
    Calibration calibration;            // empty bins when the learned model was not evaluated
};

Calibration calibration(const EvalContext& ctx, const std::vector<PreparedCase>& cases, std::size_t bins = 10);

EvaluationReport evaluate(const EvalData& data, const EvalContext& ctx,
                          const std::vector<PreparedCase>& cases, const RankingWeights& weights,
                          const EvaluationOptions& options);

// MAP@k of the hybrid alone: what the weight search maximizes on the validation customers.
double hybrid_map(const EvalContext& ctx, const std::vector<PreparedCase>& cases,
                  const RankingWeights& weights, std::size_t k);

}  // namespace bank
