#include "train/evaluation/evaluation.h"

#include <algorithm>
#include <cmath>

#include "shared/profile/life_stage.h"

namespace bank {

namespace {

constexpr Ranker kRankers[] = {Ranker::Random,   Ranker::Popularity, Ranker::PeerPopularity, Ranker::CoOwnership,
                               Ranker::Semantic, Ranker::Hybrid,     Ranker::Learned};

std::vector<std::string> ids_of(const EvalContext& ctx, const std::vector<int>& picked) {
    std::vector<std::string> ids;
    for (int p : picked) ids.push_back(ctx.catalog.products[p].id);
    return ids;
}

struct PerCase {
    std::vector<double> map, ndcg, recall, hit;
    std::vector<std::vector<std::string>> lists, categories;
};

PerCase run(const EvalContext& ctx, const std::vector<PreparedCase>& cases, Ranker ranker,
            const RankingWeights& weights, const EvaluationOptions& o) {
    PerCase r;
    for (const PreparedCase& c : cases) {
        const std::vector<int> picked = recommend(ctx, c, ranker, weights, o.k, o.seed);
        const std::vector<std::string> ids = ids_of(ctx, picked);
        r.map.push_back(average_precision_at_k(ids, c.relevant, o.k));
        r.ndcg.push_back(ndcg_at_k(ids, c.relevant, o.k));
        r.recall.push_back(recall_at_k(ids, c.relevant, o.k));
        r.hit.push_back(hit_at_k(ids, c.relevant, o.k));
        std::vector<std::string> cats;
        for (int p : picked) cats.push_back(to_string(ctx.catalog.products[p].category));
        r.lists.push_back(ids);
        r.categories.push_back(std::move(cats));
    }
    return r;
}

}  // namespace

EvaluationReport evaluate(const EvalData& data, const EvalContext& ctx,
                          const std::vector<PreparedCase>& cases, const RankingWeights& weights,
                          const EvaluationOptions& o) {
    EvaluationReport report;
    report.text_encoder = ctx.catalog.text.encoder;
    report.k = o.k;
    report.cases = cases.size();
    report.catalog_size = ctx.catalog.products.size();
    report.available = data.available;
    report.weights = weights;

    std::vector<std::string> gender, age_band;
    for (const PreparedCase& c : cases) {
        const Customer& customer = data.customers[c.customer];
        gender.push_back(customer.gender.empty() ? "unknown" : customer.gender);
        age_band.push_back(data.known[c.customer].age ? age_band_label(life_stage_for_age(customer.age))
                                                      : "unknown");
    }
    const bool learned = !cases.empty() && !cases.front().learned.empty();
    const Ranker leader = learned ? Ranker::Learned : Ranker::Hybrid;
    report.leader = to_string(leader);
    const PerCase lead = run(ctx, cases, leader, weights, o);
    for (Ranker ranker : kRankers) {
        if (ranker == Ranker::Learned && !learned) continue;
        const PerCase r = ranker == leader ? lead : run(ctx, cases, ranker, weights, o);
        RankerResult out;
        out.ranker = to_string(ranker);
        out.map = bootstrap_mean(r.map, o.bootstrap_samples, o.seed);
        out.ndcg = bootstrap_mean(r.ndcg, o.bootstrap_samples, o.seed);
        out.recall = bootstrap_mean(r.recall, o.bootstrap_samples, o.seed);
        out.hit = bootstrap_mean(r.hit, o.bootstrap_samples, o.seed);
        out.coverage = catalog_coverage(r.lists, ctx.catalog.products.size());
        if (data.available.gender) out.gender = exposure_ratio(gender, r.categories, o.min_group_size);
        if (data.available.age) out.age_band = exposure_ratio(age_band, r.categories, o.min_group_size);
        out.lead = bootstrap_mean_difference(lead.map, r.map, o.bootstrap_samples, o.seed);
        report.rankers.push_back(std::move(out));
    }
    if (learned) report.calibration = calibration(ctx, cases);
    return report;
}

Calibration calibration(const EvalContext& ctx, const std::vector<PreparedCase>& cases, std::size_t bins) {
    Calibration cal;
    cal.bins.resize(bins);
    for (std::size_t b = 0; b < bins; ++b) {
        cal.bins[b].low = static_cast<double>(b) / bins;
        cal.bins[b].high = static_cast<double>(b + 1) / bins;
    }
    for (const PreparedCase& c : cases) {
        for (std::size_t p = 0; p < c.candidate.size() && p < c.learned.size(); ++p) {
            if (!c.candidate[p]) continue;
            const double likelihood = c.learned[p];
            const bool taken = std::find(c.relevant.begin(), c.relevant.end(), ctx.catalog.products[p].id) !=
                               c.relevant.end();
            CalibrationBin& bin = cal.bins[std::min(bins - 1, static_cast<std::size_t>(likelihood * bins))];
            bin.rows += 1;
            bin.predicted += likelihood;
            bin.observed += taken ? 1 : 0;
            cal.rows += 1;
        }
    }
    for (CalibrationBin& bin : cal.bins) {
        if (bin.rows == 0) continue;
        bin.predicted /= static_cast<double>(bin.rows);
        bin.observed /= static_cast<double>(bin.rows);
        cal.expected_error += static_cast<double>(bin.rows) / static_cast<double>(cal.rows) *
                              std::abs(bin.predicted - bin.observed);
    }
    return cal;
}

double hybrid_map(const EvalContext& ctx, const std::vector<PreparedCase>& cases,
                  const RankingWeights& weights, std::size_t k) {
    if (cases.empty()) return 0;
    double sum = 0;
    for (const PreparedCase& c : cases) {
        sum += average_precision_at_k(ids_of(ctx, recommend(ctx, c, Ranker::Hybrid, weights, k, 0)),
                                      c.relevant, k);
    }
    return sum / static_cast<double>(cases.size());
}

}  // namespace bank
