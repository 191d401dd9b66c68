#include "train/evaluation/eval_data.h"

#include <utility>

namespace bank {

namespace {

std::vector<std::pair<const char*, bool>> listed(const AvailableSignals& a) {
    return {{"age", a.age},
            {"gender", a.gender},
            {"income", a.income},
            {"segment", a.segment},
            {"interests", a.interests},
            {"purchase history", a.purchase_history},
            {"occupation", a.occupation},
            {"engagement", a.engagement},
            {"sentiment", a.sentiment},
            {"social activity", a.social_activity},
            {"credit score", a.credit_score},
            {"risk profile", a.risk_profile},
            {"tenure", a.tenure},
            {"activity", a.activity},
            {"transactions", a.transactions},
            {"holding dates", a.holding_dates},
            {"product descriptions", a.product_descriptions}};
}

}  // namespace

std::vector<std::string> AvailableSignals::present() const {
    std::vector<std::string> out;
    for (const auto& [name, has] : listed(*this)) {
        if (has) out.push_back(name);
    }
    return out;
}

std::vector<std::string> AvailableSignals::missing() const {
    std::vector<std::string> out;
    for (const auto& [name, has] : listed(*this)) {
        if (!has) out.push_back(name);
    }
    return out;
}

EvalData eval_data_from_dataset(const Dataset& data) {
    EvalData e;
    e.catalog = data.catalog;
    e.customers = data.customers;
    e.known.assign(data.customers.size(), KnownFields{});
    e.transactions = data.transactions;
    for (const Customer& c : data.customers) {
        for (const std::string& id : c.products_held) e.holdings.push_back({c.id, id, ""});
    }
    AvailableSignals& a = e.available;
    a.interests = a.purchase_history = a.occupation = a.engagement = a.sentiment = true;
    a.social_activity = a.age = a.gender = a.income = a.credit_score = a.risk_profile = true;
    a.transactions = !data.transactions.empty();
    a.product_descriptions = true;
    return e;
}

}  // namespace bank
