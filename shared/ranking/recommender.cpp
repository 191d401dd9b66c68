#include "shared/ranking/recommender.h"

#include <algorithm>
#include <optional>

#include "shared/ranking/card_reasons.h"
#include "shared/ranking/diversity.h"
#include "shared/ranking/exclusion_words.h"
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
        out.push_back({product.id, product.name, rule, "The " + product.name + " " + explain_rule(rule, product),
                       exclusion_for_customer(rule, product)});
    }
    return out;
}

// The signals the hybrid scores for this input (score_signals makes a signal available exactly
// when both its profile and its product vectors are there); the learned path reports them too
// when the list is empty before any model runs.
std::vector<std::string> signals_used(const RankingCatalog& catalog, const ProfileVectors& profile,
                                      const CustomerFeatures& f) {
    std::vector<std::string> used;
    if (!profile.text.empty() && !catalog.text.empty()) used.push_back("semantic (" + catalog.text.encoder + ")");
    if (!profile.image.empty() && !catalog.image.empty()) used.push_back("image (" + catalog.image.encoder + ")");
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

// Reasons are worked out for more than a card shows, so a card whose strongest reason was given on
// a card above it still has its own to give (card_reasons.h).
constexpr std::size_t kReasonPool = 6;

// Products the customer declined this visit ("Not for me") leave the candidates until undone.
void leave_out_declined(const RankingCatalog& catalog, const CustomerToRank& input,
                        std::vector<unsigned char>& candidate) {
    if (!input.visit) return;
    for (std::size_t p = 0; p < catalog.products.size(); ++p) {
        const auto& declined = input.visit->not_for_me;
        if (std::find(declined.begin(), declined.end(), catalog.products[p].id) != declined.end()) candidate[p] = 0;
    }
}

// The list in pick order from `relevance` (likelihoods, or the hybrid's log-scale scores), with
// the lift of interests typed this visit (stated_interests.h); none typed: the model's order.
void list_products(const RankingCatalog& catalog, const RankingWeights& weights, const CustomerToRank& input,
                   const std::vector<float>& relevance, const std::vector<unsigned char>& candidate,
                   bool learned, RankingResult& result) {
    const std::vector<int> model_order = diverse_top(catalog, relevance, candidate, weights);
    std::vector<float> ordering = relevance;
    const std::vector<std::string> no_interests;
    const auto& stated = input.visit ? input.visit->stated_interests : no_interests;
    const std::vector<InterestLift> lifts =
        lift_stated_interests(catalog.products, stated, candidate, ordering, !learned);
    const std::vector<int> picked = lifts.empty() ? model_order : diverse_top(catalog, ordering, candidate, weights);
    std::vector<InterestLift> moved;
    for (std::size_t i = 0; i < picked.size(); ++i) {
        const int p = picked[i];
        const Product& product = catalog.products[p];
        Recommendation r{p, product.id, product.name, product.category, ordering[p], learned ? relevance[p] : -1, {}, ""};
        auto lift = std::find_if(lifts.begin(), lifts.end(), [p](const InterestLift& l) { return l.product == p; });
        const auto before = std::find(model_order.begin(), model_order.end(), p);
        if (lift != lifts.end() && static_cast<std::size_t>(before - model_order.begin()) > i) {
            r.moved_for_interest = lift->interest;
            moved.push_back(*lift);
        }
        result.recommendations.push_back(std::move(r));
    }
    result.interests_note = stated_interests_note(stated, lifts, moved, catalog.products);
}

PropensityCustomer propensity_customer(const CustomerToRank& input, const std::vector<int>& held) {
    PropensityCustomer who;
    who.customer = input.customer;
    who.known = input.known;
    who.held = held;
    who.spending = input.spending;
    who.text_similarity = input.propensity_text_similarity;
    return who;
}

// The learned model's reasons: the TreeSHAP contributions of each listed product, in words.
void explain_learned(const RankingCatalog& catalog, const CustomerToRank& input, const std::vector<int>& held,
                     RankingResult& result) {
    const PropensityModel& model = *input.propensity;
    const PropensityCustomer who = propensity_customer(input, held);
    for (Recommendation& r : result.recommendations) {
        r.reasons = propensity_reasons(model, catalog.products, who, r.product_index,
                                       propensity_contributions(model, catalog.products, who, r.product_index),
                                       kReasonPool);
        r.reasons = honest_about_children(catalog.products[r.product_index], input.spending, std::move(r.reasons));
    }
    vary_reasons_across_cards(result.recommendations);
}

// The learned path: every candidate's likelihood from the trees, reasons from their TreeSHAP.
void rank_learned(const RankingCatalog& catalog, const RankingWeights& weights, const CustomerToRank& input,
                  const std::vector<int>& held, const std::vector<unsigned char>& candidate, RankingResult& result) {
    const PropensityModel& model = *input.propensity;
    const PropensityCustomer who = propensity_customer(input, held);
    std::vector<int> products;
    for (std::size_t p = 0; p < candidate.size(); ++p)
        if (candidate[p]) products.push_back(static_cast<int>(p));
    const std::vector<float> scores =
        take_up_likelihoods(propensity_margins(model, catalog.products, who, products), model.temperature);
    std::vector<float> relevance(catalog.products.size(), 0.0f);
    for (std::size_t i = 0; i < products.size(); ++i) relevance[products[i]] = scores[i];
    list_products(catalog, weights, input, relevance, candidate, true, result);
    if (input.reasons == Reasons::Now) explain_learned(catalog, input, held, result);
    result.signals_used = {"learned propensity model (XGBoost, " + std::to_string(model.trees.tree_count()) +
                           " trees)"};
    if (model.layout.uses_text && input.propensity_text_similarity)
        result.signals_used.push_back("text similarity (lexical)");
}

// The hybrid's reasons: the signals that carried each listed product's score.
void explain_hybrid(const RankingCatalog& catalog, const BehaviorModel& model, const RankingWeights& weights,
                    const CustomerToRank& input, const CustomerFeatures& features, const SignalTable& table,
                    const std::vector<unsigned char>& candidate, RankingResult& result) {
    const ReasonInput reason_input{&catalog,  &model,   input.customer,
                                   &features, &table,   &weights,
                                   candidate_means(table, candidate)};
    for (Recommendation& r : result.recommendations) {
        r.reasons = honest_about_children(catalog.products[r.product_index], input.spending,
                                          reasons_for(reason_input, r.product_index, kReasonPool));
    }
    vary_reasons_across_cards(result.recommendations);
}

std::optional<RankingError> input_problem(const RankingCatalog& catalog, const BehaviorModel& model,
                                          const RankingWeights& weights, const CustomerToRank& input) {
    if (input.customer == nullptr) return RankingError{"no customer to rank"};
    if (weights.top_k < 1) return RankingError{"top_k must be at least 1"};
    if (!model_matches_catalog(model, catalog)) {
        return RankingError{"the behavioral model was fit on a different catalog; fit it again"};
    }
    return std::nullopt;
}

const std::vector<CategorySpend>& spending_of(const CustomerToRank& input) {
    static const std::vector<CategorySpend> no_spending;
    return input.spending != nullptr ? *input.spending : no_spending;
}

// The hybrid's signal table; the learned path scores no signal and only checks the vectors.
Checked<std::optional<SignalTable>> signals_if_hybrid(const RankingCatalog& catalog, const BehaviorModel& model,
                                                       const CustomerToRank& input, const CustomerFeatures& features) {
    if (input.propensity) {
        if (auto problem = profile_vectors_problem(catalog, input.profile)) return *problem;
        return std::optional<SignalTable>();
    }
    auto table = score_signals(catalog, model, features, input.profile);
    if (!table) return table.error();
    return std::optional<SignalTable>(std::move(table).value());
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
    if (auto problem = input_problem(catalog, model, weights, input)) return *problem;
    const Customer& customer = *input.customer;
    const CustomerFeatures features = customer_features(model, customer, spending_of(input), input.known);
    auto table = signals_if_hybrid(catalog, model, input, features);
    if (!table) return table.error();

    RankingResult result;
    result.signals_used = signals_used(catalog, input.profile, features);
    result.exclusions = notable_exclusions(catalog, model, customer, features.held, input.known);
    auto candidate = candidate_products(catalog, customer, features.held, input.known);
    leave_out_declined(catalog, input, candidate);
    if (features.held.size() == catalog.products.size()) {
        result.note = "already holds every product in the catalog";
        return result;
    }
    if (std::none_of(candidate.begin(), candidate.end(), [](unsigned char c) { return c; })) {
        result.note = "no product the customer does not hold passes the eligibility rules";
        return result;
    }
    result.explained = input.reasons == Reasons::Now;

    if (input.propensity) {
        rank_learned(catalog, weights, input, features.held, candidate, result);
        return with_short_list_note(std::move(result), weights);
    }

    const std::vector<float> relevance = combine_signals(*table.value(), weights);
    list_products(catalog, weights, input, relevance, candidate, false, result);
    if (result.explained) {
        explain_hybrid(catalog, model, weights, input, features, *table.value(), candidate, result);
    }
    return with_short_list_note(std::move(result), weights);
}

Checked<RankingResult> explain_ranking(const RankingCatalog& catalog, const BehaviorModel& model,
                                       const RankingWeights& weights, const CustomerToRank& input,
                                       RankingResult listed) {
    if (listed.explained) return listed;
    if (auto problem = input_problem(catalog, model, weights, input)) return *problem;
    for (const Recommendation& r : listed.recommendations) {
        if (r.product_index < 0 || r.product_index >= static_cast<int>(catalog.products.size())) {
            return RankingError{"the list to explain names product " + std::to_string(r.product_index) +
                                ", which the catalog does not have"};
        }
    }
    const Customer& customer = *input.customer;
    const CustomerFeatures features = customer_features(model, customer, spending_of(input), input.known);
    auto table = signals_if_hybrid(catalog, model, input, features);
    if (!table) return table.error();
    if (input.propensity) {
        explain_learned(catalog, input, features.held, listed);
    } else {
        auto candidate = candidate_products(catalog, customer, features.held, input.known);
        leave_out_declined(catalog, input, candidate);
        explain_hybrid(catalog, model, weights, input, features, *table.value(), candidate, listed);
    }
    listed.explained = true;
    return listed;
}

}  // namespace bank
