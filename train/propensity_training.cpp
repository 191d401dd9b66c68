#include "train/propensity_training.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <sstream>

#include "shared/data/json_depth.h"
#include "train/evaluation/metrics.h"
#include "shared/ranking/trees/leaf_privacy.h"
#include "shared/ranking/trees/tree_predict.h"

namespace bank::train {

std::optional<std::vector<int>> parse_depths(const std::string& text) {
    std::vector<int> depths;
    std::stringstream list(text);
    for (std::string item; std::getline(list, item, ',');) {
        char* end = nullptr;
        const long d = std::strtol(item.c_str(), &end, 10);
        if (item.empty() || *end != '\0' || d < 1 || d > 16) return std::nullopt;
        depths.push_back(static_cast<int>(d));
    }
    if (depths.empty()) return std::nullopt;
    return depths;
}

FeatureBasis feature_basis(const RankingCatalog& catalog, FeatureChoice choice,
                           const std::vector<KnownCustomer>& customers, std::size_t min_group_size) {
    std::vector<PriorInput> inputs;
    inputs.reserve(customers.size());
    for (const KnownCustomer& c : customers) {
        inputs.push_back({c.held, c.known.segment ? c.customer->segment : std::string(),
                          age_band_index(*c.customer, c.known)});
    }
    FeatureBasis basis;
    basis.priors = fit_propensity_priors(catalog.products, inputs, min_group_size);
    // Only segments large enough to be published can be named by a feature.
    choice.segments.clear();
    for (const auto& [name, table] : basis.priors.segment_age) choice.segments.push_back(name);
    std::sort(choice.segments.begin(), choice.segments.end());
    basis.layout = choose_features(choice, catalog.products);
    return basis;
}

namespace {

// Rows of every validation customer's candidates, scored together (one XGBoost call per check).
struct ValidationRows {
    std::vector<float> rows;
    std::vector<std::size_t> first;  // first row of each case; one extra at the end
    std::vector<std::vector<int>> products;
};

ValidationRows validation_rows(const FeatureBasis& basis, const RankingCatalog& catalog,
                               const std::vector<KnownCustomer>& customers,
                               const std::vector<ValidationCase>& validation) {
    ValidationRows v;
    v.first.push_back(0);
    for (const ValidationCase& c : validation) {
        CandidateRows cr = candidate_rows(basis.layout, basis.priors, catalog, customers[c.customer]);
        v.rows.insert(v.rows.end(), cr.rows.begin(), cr.rows.end());
        v.products.push_back(std::move(cr.products));
        v.first.push_back(v.first.back() + v.products.back().size());
    }
    return v;
}

double mean_average_precision(const ValidationRows& v, const std::vector<float>& scores,
                              const std::vector<ValidationCase>& validation, const RankingCatalog& catalog,
                              std::size_t k) {
    if (validation.empty()) return 0;
    double sum = 0;
    for (std::size_t i = 0; i < validation.size(); ++i) {
        std::vector<std::size_t> order(v.products[i].size());
        std::iota(order.begin(), order.end(), 0);
        const float* s = scores.data() + v.first[i];
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return s[a] > s[b] || (s[a] == s[b] && catalog.id_order[v.products[i][a]] < catalog.id_order[v.products[i][b]]);
        });
        std::vector<std::string> ranked, relevant;
        for (std::size_t j = 0; j < order.size() && j < k; ++j) ranked.push_back(catalog.products[v.products[i][order[j]]].id);
        for (int r : validation[i].relevant) relevant.push_back(catalog.products[r].id);
        sum += average_precision_at_k(ranked, relevant, k);
    }
    return sum / static_cast<double>(validation.size());
}

// The temperature whose softmax over each validation customer's candidates gives their hidden
// products the highest likelihood (golden-section search on log t; the likelihood is concave in t).
float fit_temperature(const ValidationRows& v, const std::vector<float>& margins,
                      const std::vector<ValidationCase>& validation) {
    const auto log_likelihood = [&](double t) {
        double sum = 0;
        for (std::size_t i = 0; i < validation.size(); ++i) {
            const float* m = margins.data() + v.first[i];
            const std::size_t n = v.products[i].size();
            if (n == 0) continue;
            const double top = *std::max_element(m, m + n);
            double z = 0;
            for (std::size_t j = 0; j < n; ++j) z += std::exp(t * (m[j] - top));
            for (int r : validation[i].relevant) {
                for (std::size_t j = 0; j < n; ++j)
                    if (v.products[i][j] == r) sum += t * (m[j] - top) - std::log(z);
            }
        }
        return sum;
    };
    double lo = std::log(0.05), hi = std::log(20.0);
    const double golden = (std::sqrt(5.0) - 1) / 2;
    for (int step = 0; step < 60; ++step) {
        const double a = hi - golden * (hi - lo), b = lo + golden * (hi - lo);
        if (log_likelihood(std::exp(a)) < log_likelihood(std::exp(b))) lo = a;
        else hi = b;
    }
    return static_cast<float>(std::exp((lo + hi) / 2));
}

std::string fixed(double v, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

// The largest difference between XGBoost's own predictions with the published file and the core's
// (the code browsers run). The parity test holds the bound; this is the same check on real rows.
Checked<double> score_both_ways(const std::string& model_json, const TrainingMatrix& rows) {
    auto reference = Booster::load(model_json);
    if (!reference) return reference.error();
    auto expected = reference.value().predict(rows.rows, rows.width);
    if (!expected) return expected.error();
    auto ensemble = parse_xgboost_model(model_json, "the trained model");
    if (!ensemble) return ensemble.error();
    std::vector<float> actual(rows.count());
    predict_batch(ensemble.value(), rows.rows.data(), rows.count(), actual.data());
    double worst = 0;
    for (std::size_t i = 0; i < actual.size(); ++i)
        worst = std::max(worst, static_cast<double>(std::fabs(actual[i] - expected.value()[i])));
    return worst;
}

}  // namespace

Checked<Hyperparameters> choose_hyperparameters(const RankingCatalog& catalog, const FeatureChoice& choice,
                                                const std::vector<KnownCustomer>& customers,
                                                const std::vector<ValidationCase>& validation,
                                                const TrainingPlan& plan) {
    if (validation.empty()) return RankingError{"no validation customers to choose hyper-parameters on"};
    const FeatureBasis basis = feature_basis(catalog, choice, customers, plan.min_group_size);
    const ExampleSet examples = leave_one_out_examples(basis.layout, basis.priors, catalog, customers, plan.negatives_per_positive);
    const ValidationRows v = validation_rows(basis, catalog, customers, validation);
    Hyperparameters best;
    best.validation_map = -1;
    std::vector<float> best_margins;
    for (int depth : plan.depths) {
        BoosterParams params;
        params.max_depth = depth;
        params.learning_rate = plan.learning_rate;
        params.threads = plan.threads;
        auto booster = Booster::create(examples.matrix, params);
        if (!booster) return booster.error();
        while (booster.value().rounds() < plan.max_rounds) {
            if (auto ok = booster.value().boost(plan.round_step); !ok) return ok.error();
            const int rounds = booster.value().rounds();
            auto scores = booster.value().predict(v.rows, basis.layout.names.size(), rounds, true);
            if (!scores) return scores.error();
            const double map = mean_average_precision(v, scores.value(), validation, catalog, plan.k);
            best.log.push_back("depth " + std::to_string(depth) + ", " + std::to_string(rounds) +
                               " trees: validation MAP@" + std::to_string(plan.k) + " " + fixed(map, 4));
            if (map > best.validation_map) {
                best.validation_map = map;
                best.depth = depth;
                best.rounds = rounds;
                best_margins = std::move(scores).value();
            }
        }
    }
    best.temperature = fit_temperature(v, best_margins, validation);
    best.log.push_back("calibration: temperature " + fixed(best.temperature, 3) + " (validation log-likelihood)");
    return best;
}

Checked<TrainedPropensity> fit_propensity(const RankingCatalog& catalog, const FeatureChoice& choice,
                                          const std::vector<KnownCustomer>& customers, const Hyperparameters& hp,
                                          const TrainingPlan& plan, const std::string& provenance) {
    const FeatureBasis basis = feature_basis(catalog, choice, customers, plan.min_group_size);
    const ExampleSet examples = leave_one_out_examples(basis.layout, basis.priors, catalog, customers, plan.negatives_per_positive);
    BoosterParams params;
    params.max_depth = hp.depth;
    params.learning_rate = plan.learning_rate;
    params.threads = plan.threads;
    auto booster = Booster::create(examples.matrix, params);
    if (!booster) return booster.error();
    if (auto ok = booster.value().boost(hp.rounds); !ok) return ok.error();
    if (auto ok = booster.value().set_attribute("bank_priors", propensity_priors_json(basis.priors)); !ok)
        return ok.error();
    if (auto ok = booster.value().set_attribute("bank_training", provenance); !ok) return ok.error();
    const nlohmann::json calibration = {{"temperature", hp.temperature},
                                        {"fit", "maximum likelihood of the taken-up product on the validation customers"}};
    if (auto ok = booster.value().set_attribute("bank_calibration", calibration.dump()); !ok) return ok.error();
    auto json = booster.value().json();
    if (!json) return json.error();

    // No leaf may rest on fewer than k customers: small groups fall back to their parent node.
    const nlohmann::json doc = parse_json_within_depth(json.value(), 64);
    if (doc.is_discarded()) return RankingError{"XGBoost wrote a model that is not JSON"};
    std::vector<std::string> owners;
    owners.reserve(examples.customer_of_row.size());
    for (std::int64_t id : examples.customer_of_row) owners.push_back(std::to_string(id));
    const CustomerRows rows{examples.matrix.rows, owners};
    auto pruned = prune_for_leaf_privacy(doc, rows, {plan.min_group_size, static_cast<float>(plan.learning_rate)},
                                         "the trained model");
    if (!pruned) return pruned.error();

    TrainedPropensity out;
    out.model_json = pruned.value().document.dump();
    auto parity = score_both_ways(out.model_json, examples.matrix);
    if (!parity) return parity.error();
    out.parity_max_difference = parity.value();
    out.rows = examples.matrix.count();
    out.customers = std::set<std::int64_t>(examples.customer_of_row.begin(), examples.customer_of_row.end()).size();
    out.features = basis.layout.names.size();
    out.splits_collapsed = pruned.value().report.splits_collapsed;
    out.smallest_leaf = pruned.value().report.fewest_customers_behind_a_leaf;
    return out;
}

}  // namespace bank::train
