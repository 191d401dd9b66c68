#include "train/evaluation/rankers.h"

#include "shared/ranking/diversity.h"
#include "train/evaluation/protocol.h"

namespace bank {

namespace {

std::vector<float> column(const SignalTable& t, Signal s) {
    std::vector<float> out(t.products);
    for (std::size_t p = 0; p < t.products; ++p) out[p] = t.at(p, s);
    return out;
}

std::vector<float> relevance(const EvalContext& ctx, const PreparedCase& c, Ranker ranker,
                             const RankingWeights& weights, std::uint64_t seed) {
    const std::size_t n = c.signals.products;
    switch (ranker) {
        case Ranker::Random: {
            std::vector<float> r(n);
            const std::uint64_t base = mix64(seed ^ mix64(c.customer));
            for (std::size_t p = 0; p < n; ++p) r[p] = static_cast<float>(unit_interval(mix64(base + p)));
            return r;
        }
        case Ranker::Popularity:
            return ctx.popularity;
        case Ranker::PeerPopularity:
            return c.peer_popularity;
        case Ranker::Learned:
            return c.learned.empty() ? std::vector<float>(n, 0.0f) : c.learned;
        case Ranker::CoOwnership:
            return column(c.signals, Signal::CoOwnership);
        case Ranker::Semantic:
            return column(c.signals, Signal::Semantic);
        case Ranker::Hybrid:
            return combine_signals(c.signals, weights);
    }
    return std::vector<float>(n, 0.0f);
}

}  // namespace

const char* to_string(Ranker r) {
    switch (r) {
        case Ranker::Random:
            return "random";
        case Ranker::Popularity:
            return "popularity";
        case Ranker::PeerPopularity:
            return "popularity in segment × age band";
        case Ranker::Learned:
            return "learned (XGBoost)";
        case Ranker::CoOwnership:
            return "co-ownership only";
        case Ranker::Semantic:
            return "semantic only";
        case Ranker::Hybrid:
            return "hybrid";
    }
    return "";
}

std::vector<int> recommend(const EvalContext& ctx, const PreparedCase& c, Ranker ranker,
                           const RankingWeights& weights, std::size_t k, std::uint64_t seed) {
    const std::vector<float> rel = relevance(ctx, c, ranker, weights, seed);
    std::vector<int> category(ctx.catalog.products.size());
    for (std::size_t p = 0; p < category.size(); ++p)
        category[p] = static_cast<int>(ctx.catalog.products[p].category);
    const DiversityInput in{&rel, &c.candidate, &category, &ctx.catalog.id_order};
    return select_diverse(in, static_cast<int>(k), ranker == Ranker::Hybrid ? weights.diversity : 0.0);
}

}  // namespace bank
