#include "shared/ranking/evaluation/prepared_cases.h"

#include "shared/profile/profile_text.h"
#include "shared/ranking/lexical_encoder.h"
#include "shared/ranking/product_text.h"
#include "shared/ranking/recommender.h"

namespace bank {

namespace {

Checked<std::vector<PreparedCase>> prepare(const std::vector<EvalCase>& cases, const EvalData& data,
                                           const std::vector<Customer>& customers,
                                           const SpendingByCustomer& spending, const LexicalEncoder& encoder,
                                           const EvalContext& ctx) {
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
                       candidate_products(ctx.catalog, customer, features.held, known)});
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
    auto validation = prepare(split.validation, data, customers, spending, encoder, ctx);
    if (!validation) return validation.error();
    auto test = prepare(split.test, data, customers, spending, encoder, ctx);
    if (!test) return test.error();
    ctx.validation = std::move(validation).value();
    ctx.test = std::move(test).value();
    return ctx;
}

}  // namespace bank
