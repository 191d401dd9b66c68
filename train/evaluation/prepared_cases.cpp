#include "train/evaluation/prepared_cases.h"

#include <unordered_map>

#include "shared/profile/profile_text.h"
#include "shared/ranking/lexical_encoder.h"
#include "shared/ranking/propensity/propensity_priors.h"
#include "shared/ranking/product_text.h"
#include "shared/ranking/recommender.h"

namespace bank {

namespace {

// Smoothing of the segment x age band baseline: a cell of m customers counts half as its own rate
// and half as the whole bank's, so a cell of three customers cannot claim 100%.
constexpr double kPeerSmoothing = 10;

std::string peer_group(const Customer& c, const KnownFields& known) {
    return (known.segment ? c.segment : std::string()) + "\x1f" + std::to_string(age_band_index(c, known));
}

// The strong simple baselines: overall popularity and popularity within segment x age band, both
// from training holdings only.
struct Popularity {
    std::vector<float> overall;
    std::unordered_map<std::string, std::vector<float>> peer;
};

Popularity popularity(const EvalData& data, const std::vector<Customer>& customers) {
    const std::size_t n = data.catalog.size();
    std::unordered_map<std::string, int> index;
    for (std::size_t p = 0; p < n; ++p) index[data.catalog[p].id] = static_cast<int>(p);
    std::vector<double> total(n, 0);
    std::unordered_map<std::string, std::pair<double, std::vector<double>>> groups;
    for (std::size_t i = 0; i < customers.size(); ++i) {
        auto& g = groups[peer_group(customers[i], data.known[i])];
        if (g.second.empty()) g.second.assign(n, 0);
        g.first += 1;
        for (const std::string& id : customers[i].products_held) {
            auto it = index.find(id);
            if (it == index.end()) continue;
            total[it->second] += 1;
            g.second[it->second] += 1;
        }
    }
    Popularity pop;
    pop.overall.resize(n);
    for (std::size_t p = 0; p < n; ++p)
        pop.overall[p] = customers.empty() ? 0.0f : static_cast<float>(total[p] / customers.size());
    for (auto& [key, g] : groups) {
        std::vector<float> rates(n);
        for (std::size_t p = 0; p < n; ++p)
            rates[p] = static_cast<float>((g.second[p] + kPeerSmoothing * pop.overall[p]) / (g.first + kPeerSmoothing));
        pop.peer.emplace(key, std::move(rates));
    }
    return pop;
}

Checked<std::vector<PreparedCase>> prepare(const std::vector<EvalCase>& cases, const EvalData& data,
                                           const std::vector<Customer>& customers,
                                           const SpendingByCustomer& spending, const LexicalEncoder& encoder,
                                           const EvalContext& ctx, const Popularity& pop) {
    static const std::vector<CategorySpend> none;
    std::vector<PreparedCase> out;
    for (const EvalCase& c : cases) {
        const Customer& customer = customers[c.customer];
        const KnownFields& known = data.known[c.customer];
        auto it = spending.find(customer.id);
        const auto& mix = it == spending.end() ? none : it->second;
        const CustomerFeatures features = customer_features(ctx.model, customer, mix, known);
        ProfileVectors profile;
        profile.text.resize(encoder.dimension());
        encoder.encode_one(profile_text(customer, mix, data.catalog, known), profile.text.data());
        auto signals = score_signals(ctx.catalog, ctx.model, features, profile);
        if (!signals) return signals.error();
        out.push_back({c.customer, c.relevant, std::move(signals).value(),
                       candidate_products(ctx.catalog, customer, features.held, known),
                       pop.peer.at(peer_group(customer, known)), {}});
    }
    return out;
}

}  // namespace

Checked<EvalContext> prepare_evaluation(const EvalData& data, const EvalSplit& split) {
    std::vector<Customer> customers = data.customers;
    for (std::size_t i = 0; i < customers.size(); ++i) customers[i].products_held = split.train_holdings[i];
    const SpendingByCustomer spending = spending_by_customer(split.train_transactions);

    std::vector<std::string> documents;
    for (const Product& p : data.catalog) documents.push_back(product_text(p));
    const LexicalEncoder encoder = LexicalEncoder::fit(documents);
    auto text = encoder.encode(documents);
    if (!text) return text.error();
    auto catalog = make_ranking_catalog(data.catalog, std::move(text).value(), EmbeddingMatrix{});
    if (!catalog) return catalog.error();

    EvalContext ctx;
    ctx.catalog = std::move(catalog).value();
    ctx.model = fit_behavior_model(data.catalog, customers, spending, data.known);
    const Popularity pop = popularity(data, customers);
    ctx.popularity = pop.overall;
    auto validation = prepare(split.validation, data, customers, spending, encoder, ctx, pop);
    if (!validation) return validation.error();
    auto test = prepare(split.test, data, customers, spending, encoder, ctx, pop);
    if (!test) return test.error();
    ctx.validation = std::move(validation).value();
    ctx.test = std::move(test).value();
    return ctx;
}

}  // namespace bank
