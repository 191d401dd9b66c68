#include "train/evaluation/weight_search.h"

#include <cstdio>

#include "train/evaluation/evaluation.h"

namespace bank {

namespace {

constexpr int kRounds = 3;

struct Axis {
    const char* name;
    double RankingWeights::*field;
    std::vector<double> grid;
};

std::string describe_step(double before, double after, double map) {
    char buffer[120];
    std::snprintf(buffer, sizeof buffer, " %g -> %g (validation MAP@k %.4f)", before, after, map);
    return buffer;
}

}  // namespace

WeightFit fit_weights(const EvalContext& ctx, const RankingWeights& start, std::size_t k) {
    // Grids span the signals' natural scales: cosines move by ~0.1 between products, log
    // probabilities and log-likelihood ratios by ~1.
    const std::vector<Axis> axes = {
        {"semantic", &RankingWeights::semantic, {0, 0.5, 1, 2, 4, 8, 16}},
        {"spending", &RankingWeights::spending, {0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6}},
        {"context", &RankingWeights::context, {0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6}},
        {"co_ownership", &RankingWeights::co_ownership, {0, 0.25, 0.5, 1, 2}},
        {"diversity", &RankingWeights::diversity, {0, 0.05, 0.1, 0.2, 0.3, 0.5}}};
    WeightFit fit;
    fit.weights = start;
    fit.weights.behavioral = 1.0;
    fit.validation_cases = ctx.validation.size();
    fit.validation_map = hybrid_map(ctx, ctx.validation, fit.weights, k);
    for (int round = 1; round <= kRounds; ++round) {
        bool moved = false;
        for (const Axis& axis : axes) {
            RankingWeights trial = fit.weights;
            const double before = fit.weights.*axis.field;
            for (double value : axis.grid) {
                trial.*axis.field = value;
                const double map = hybrid_map(ctx, ctx.validation, trial, k);
                // Strictly better only: on a tie the current value stays, so the result is stable.
                if (map > fit.validation_map + 1e-12) {
                    fit.validation_map = map;
                    fit.weights.*axis.field = value;
                    moved = true;
                }
            }
            if (fit.weights.*axis.field != before) {
                fit.steps.push_back("round " + std::to_string(round) + ": " + axis.name +
                                    describe_step(before, fit.weights.*axis.field, fit.validation_map));
            }
        }
        if (!moved) break;
    }
    return fit;
}

}  // namespace bank
