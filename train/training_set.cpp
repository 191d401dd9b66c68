#include "train/training_set.h"

#include <map>
#include <set>

#include "shared/profile/profile_text.h"
#include "shared/ranking/product_text.h"

namespace bank::train {

FeatureChoice feature_choice(const EvalData& data, const SpendingByCustomer& spending) {
    const AvailableSignals& a = data.available;
    FeatureChoice c;
    c.age = a.age;
    c.income = a.income;
    c.tenure = a.tenure;
    c.activity = a.activity;
    c.engagement = a.engagement;
    c.sentiment = a.sentiment;
    c.social_activity = a.social_activity;
    c.credit_score = a.credit_score;
    c.risk_profile = a.risk_profile;
    std::set<std::string> categories;
    for (const auto& [id, mix] : spending)
        for (const CategorySpend& s : mix) categories.insert(s.category);
    c.merchant_categories.assign(categories.begin(), categories.end());
    // Without anything personal in the profile text, its similarity to products says nothing.
    c.text_similarity = (a.interests || a.purchase_history || a.occupation) && a.product_descriptions;
    return c;
}

Checked<RankingCatalog> lexical_catalog(const std::vector<Product>& products) {
    std::vector<std::string> documents;
    for (const Product& p : products) documents.push_back(product_text(p));
    const LexicalEncoder encoder = LexicalEncoder::fit(documents);
    auto text = encoder.encode(documents);
    if (!text) return text.error();
    return make_ranking_catalog(products, std::move(text).value(), EmbeddingMatrix{});
}

std::vector<KnownCustomer> known_customers(const EvalData& data, const std::vector<std::vector<std::string>>& holdings,
                                           const SpendingByCustomer& spending, const RankingCatalog& catalog,
                                           const FeatureChoice& choice) {
    static const std::vector<CategorySpend> none;
    std::vector<std::string> documents;
    for (const Product& p : catalog.products) documents.push_back(product_text(p));
    const LexicalEncoder encoder = LexicalEncoder::fit(documents);

    std::map<std::pair<std::int64_t, std::string>, std::string> dates;
    for (const Holding& h : data.holdings)
        if (!h.date.empty()) dates[{h.customer_id, h.product_id}] = h.date;

    std::vector<KnownCustomer> out(data.customers.size());
    for (std::size_t i = 0; i < data.customers.size(); ++i) {
        KnownCustomer& c = out[i];
        c.customer = &data.customers[i];
        c.known = data.known[i];
        for (const std::string& id : holdings[i]) {
            for (std::size_t p = 0; p < catalog.products.size(); ++p)
                if (catalog.products[p].id == id) {
                    c.held.push_back(static_cast<int>(p));
                    auto date = dates.find({c.customer->id, id});
                    c.taken_up.push_back(date == dates.end() ? std::string() : date->second);
                }
        }
        auto it = spending.find(c.customer->id);
        if (!choice.merchant_categories.empty()) c.spending = it == spending.end() ? &none : &it->second;
        if (choice.text_similarity && catalog.text.dimension == encoder.dimension()) {
            c.text_similarity = lexical_similarities(
                encoder, catalog.text,
                profile_text(*c.customer, it == spending.end() ? none : it->second, catalog.products, c.known));
        }
    }
    return out;
}

}  // namespace bank::train
