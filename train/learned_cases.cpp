#include "train/learned_cases.h"

#include <algorithm>
#include <cmath>

#include "shared/ranking/propensity/propensity_model.h"
#include "shared/ranking/recommender.h"
#include "shared/ranking/trees/tree_predict.h"
#include "train/training_set.h"

namespace bank::train {

namespace {

std::vector<int> indices(const RankingCatalog& catalog, const std::vector<std::string>& ids) {
    std::vector<int> out;
    for (const std::string& id : ids)
        for (std::size_t p = 0; p < catalog.products.size(); ++p)
            if (catalog.products[p].id == id) out.push_back(static_cast<int>(p));
    return out;
}

// Scores every case with the core, keeping each row and its log-odds for the parity check.
void score(const PropensityModel& model, const RankingCatalog& catalog, const std::vector<KnownCustomer>& customers,
           std::vector<PreparedCase>& cases, std::vector<float>& rows, std::vector<float>& margins) {
    std::vector<float> case_rows;
    for (PreparedCase& c : cases) {
        const KnownCustomer& who = customers[c.customer];
        std::vector<int> products;
        for (std::size_t p = 0; p < c.candidate.size(); ++p)
            if (c.candidate[p]) products.push_back(static_cast<int>(p));
        propensity_rows(model.layout, model.priors, catalog.products, who.view(who.held), products, case_rows);
        std::vector<float> m(products.size());
        predict_margins_batch(model.trees, case_rows.data(), products.size(), m.data());
        rows.insert(rows.end(), case_rows.begin(), case_rows.end());
        margins.insert(margins.end(), m.begin(), m.end());
        const std::vector<float> s = take_up_likelihoods(m, model.temperature);
        c.learned.assign(catalog.products.size(), 0.0f);
        for (std::size_t i = 0; i < products.size(); ++i) c.learned[products[i]] = s[i];
    }
}

}  // namespace

Checked<LearnedEvaluation> add_learned_scores(const EvalData& data, const EvalSplit& split, EvalContext& ctx,
                                              const TrainingPlan& plan) {
    const SpendingByCustomer spending = spending_by_customer(split.train_transactions);
    const FeatureChoice choice = feature_choice(data, spending);
    const std::vector<KnownCustomer> customers =
        known_customers(data, split.train_holdings, spending, ctx.catalog, choice);
    std::vector<ValidationCase> validation;
    for (const EvalCase& c : split.validation) validation.push_back({c.customer, indices(ctx.catalog, c.relevant)});

    LearnedEvaluation out;
    auto chosen = choose_hyperparameters(ctx.catalog, choice, customers, validation, plan);
    if (!chosen) return chosen.error();
    out.chosen = std::move(chosen).value();
    auto trained = fit_propensity(ctx.catalog, choice, customers, out.chosen, plan, "bank-eval --learned");
    if (!trained) return trained.error();
    out.trained = std::move(trained).value();
    auto model = parse_propensity_model(out.trained.model_json, "the model bank-eval trained", ctx.catalog.products);
    if (!model) return model.error();
    std::vector<float> rows, margins;
    score(model.value(), ctx.catalog, customers, ctx.validation, rows, margins);
    score(model.value(), ctx.catalog, customers, ctx.test, rows, margins);

    // The figures are the core's; XGBoost itself must agree on every row they rest on.
    auto reference = Booster::load(out.trained.model_json);
    if (!reference) return reference.error();
    auto expected = reference.value().predict(rows, model.value().layout.names.size(), 0, true);
    if (!expected) return expected.error();
    for (std::size_t i = 0; i < margins.size(); ++i) {
        out.parity_max_difference =
            std::max(out.parity_max_difference, static_cast<double>(std::fabs(margins[i] - expected.value()[i])));
    }
    out.rows_compared = margins.size();
    if (out.parity_max_difference > 1e-6)
        return RankingError{"the core's log-odds differ from XGBoost's by " + std::to_string(out.parity_max_difference) +
                            " on an evaluated row"};
    return out;
}

}  // namespace bank::train
