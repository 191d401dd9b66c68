#include "shared/ranking/recommender.h"

#include <algorithm>

#include "shared/ranking/diversity.h"
#include "shared/ranking/propensity/propensity_reasons.h"

namespace bank {

namespace {

constexpr std::size_t kMaxExclusions = 3;

std::vector<Exclusion> notable_exclusions(const RankingCatalog& catalog, const BehaviorModel& model,
                                          const Customer& customer, const std::vector<int>& held,
                                          const KnownFields& known) {
    std::vector<int> excluded;
    for (std::size_t p = 0; p < catalog.products.size(); ++p) {
        if (std::binary_search(held.begin(), held.end(), static_cast<int>(p))) continue;
        if (failed_rule(customer, catalog.products[p], known)) excluded.push_back(static_cast<int>(p));
    }
    std::sort(excluded.begin(), excluded.end(), [&](int a, int b) {
        if (model.holders[a] != model.holders[b]) return model.holders[a] > model.holders[b];
        return catalog.id_order[a] < catalog.id_order[b];
    });
    std::vector<Exclusion> out;
    for (int p : excluded) {
        if (out.size() == kMaxExclusions) break;
        const Product& product = catalog.products[p];
        const EligibilityRule rule = *failed_rule(customer, product, known);
        out.push_back(
            {product.id, product.name, rule, "The " + product.name + " " + explain_rule(rule, product)});
    }
    return out;
}

std::vector<std::string> signals_used(const SignalTable& t, const RankingCatalog& catalog,
                                      const CustomerFeatures& f) {
    std::vector<std::string> used;
    if (t.semantic_available) used.push_back("semantic (" + catalog.text.encoder + ")");
    if (t.image_available) used.push_back("image (" + catalog.image.encoder + ")");
    used.push_back(f.held.empty() ? "popularity" : "co-ownership");
    if (std::any_of(f.spending.known.begin(), f.spending.known.end(), [](unsigned char k) { return k; })) {
        used.push_back("spending");
    }
    if (std::any_of(f.context.known.begin(), f.context.known.end(), [](unsigned char k) { return k; })) {
        used.push_back("context");
    }
    return used;
}

std::vector<int> diverse_top(const RankingCatalog& catalog, const std::vector<float>& relevance,
                             const std::vector<unsigned char>& candidate, const RankingWeights& weights) {
    std::vector<int> category(catalog.products.size());
    for (std::size_t p = 0; p < category.size(); ++p)
        category[p] = static_cast<int>(catalog.products[p].category);
    const DiversityInput diversity_input{&relevance, &candidate, &category, &catalog.id_order};
    return select_diverse(diversity_input, weights.top_k, weights.diversity);
}

// The learned path: every candidate's likelihood from the trees, reasons from their TreeSHAP.
void rank_learned(const RankingCatalog& catalog, const RankingWeights& weights, const CustomerToRank& input,
                  const std::vector<int>& held, const std::vector<unsigned char>& candidate, RankingResult& result) {
    const PropensityModel& model = *input.propensity;
    PropensityCustomer who;
    who.customer = input.customer;
    who.known = input.known;
    who.held = held;
    who.spending = input.spending;
    who.text_similarity = input.propensity_text_similarity;
    std::vector<int> products;
    for (std::size_t p = 0; p < candidate.size(); ++p)
        if (candidate[p]) products.push_back(static_cast<int>(p));
    const std::vector<float> scores =
        take_up_likelihoods(propensity_margins(model, catalog.products, who, products), model.temperature);
    std::vector<float> relevance(catalog.products.size(), 0.0f);
    for (std::size_t i = 0; i < products.size(); ++i) relevance[products[i]] = scores[i];
    for (int p : diverse_top(catalog, relevance, candidate, weights)) {
        const Product& product = catalog.products[p];
        Recommendation r{p, product.id, product.name, product.category, relevance[p], relevance[p], {}};
        r.reasons = propensity_reasons(model, catalog.products, who, p,
                                       propensity_contributions(model, catalog.products, who, p));
        result.recommendations.push_back(std::move(r));
    }
    result.signals_used = {"learned propensity model (XGBoost, " + std::to_string(model.trees.tree_count()) +
                           " trees)"};
    if (model.layout.uses_text && input.propensity_text_similarity)
        result.signals_used.push_back("text similarity (lexical)");
}

RankingResult with_short_list_note(RankingResult result, const RankingWeights& weights) {
    const std::size_t n = result.recommendations.size();
    if (static_cast<int>(n) < weights.top_k) {
        result.note = n == 1 ? "only 1 product passes the eligibility rules"
                             : "only " + std::to_string(n) + " products pass the eligibility rules";
    }
    return result;
}

}  // namespace

std::vector<unsigned char> candidate_products(const RankingCatalog& catalog, const Customer& customer,
                                              const std::vector<int>& held, const KnownFields& known) {
    std::vector<unsigned char> candidate(catalog.products.size(), 1);
    for (int h : held) candidate[h] = 0;
    for (std::size_t p = 0; p < catalog.products.size(); ++p) {
        if (candidate[p] && failed_rule(customer, catalog.products[p], known)) candidate[p] = 0;
    }
    return candidate;
}

Checked<RankingResult> rank_customer(const RankingCatalog& catalog, const BehaviorModel& model,
                                     const RankingWeights& weights, const CustomerToRank& input) {
    static const std::vector<CategorySpend> no_spending;
    if (input.customer == nullptr) return RankingError{"no customer to rank"};
    if (weights.top_k < 1) return RankingError{"top_k must be at least 1"};
    const Customer& customer = *input.customer;
    const auto& spending = input.spending != nullptr ? *input.spending : no_spending;
    if (!model_matches_catalog(model, catalog)) {
        return RankingError{"the behavioral model was fit on a different catalog; fit it again"};
    }
    const CustomerFeatures features = customer_features(model, customer, spending, input.known);
    auto table = score_signals(catalog, model, features, input.profile);
    if (!table) return table.error();

    RankingResult result;
    result.signals_used = signals_used(table.value(), catalog, features);
    result.exclusions = notable_exclusions(catalog, model, customer, features.held, input.known);
    const auto candidate = candidate_products(catalog, customer, features.held, input.known);
    if (features.held.size() == catalog.products.size()) {
        result.note = "already holds every product in the catalog";
        return result;
    }
    if (std::none_of(candidate.begin(), candidate.end(), [](unsigned char c) { return c; })) {
        result.note = "no product the customer does not hold passes the eligibility rules";
        return result;
    }

    if (input.propensity) {
        rank_learned(catalog, weights, input, features.held, candidate, result);
        return with_short_list_note(std::move(result), weights);
    }

    const std::vector<float> relevance = combine_signals(table.value(), weights);
    const std::vector<int> picked = diverse_top(catalog, relevance, candidate, weights);

    ReasonInput reason_input{&catalog,
                             &model,
                             &customer,
                             &features,
                             &table.value(),
                             &weights,
                             candidate_means(table.value(), candidate)};
    for (int p : picked) {
        const Product& product = catalog.products[p];
        result.recommendations.push_back(
            {p, product.id, product.name, product.category, relevance[p], -1, reasons_for(reason_input, p)});
    }
    return with_short_list_note(std::move(result), weights);
}

}  // namespace bank
