#include "shared/profile/spending.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace bank {

std::vector<CategorySpend> spending_mix(const std::vector<Transaction>& transactions) {
    std::map<std::string, double> out_by_category;
    double total = 0;
    for (const Transaction& t : transactions) {
        if (!(t.amount < 0) || !std::isfinite(t.amount) || t.merchant_category.empty()) continue;
        out_by_category[t.merchant_category] -= t.amount;
        total -= t.amount;
    }
    std::vector<CategorySpend> mix;
    for (const auto& [category, amount] : out_by_category) {
        mix.push_back({category, amount, total > 0 ? amount / total : 0});
    }
    std::stable_sort(mix.begin(), mix.end(),
                     [](const CategorySpend& a, const CategorySpend& b) { return a.amount > b.amount; });
    return mix;
}

std::unordered_map<std::int64_t, std::vector<Transaction>> transactions_by_customer(
    const std::vector<Transaction>& transactions) {
    std::unordered_map<std::int64_t, std::vector<Transaction>> groups;
    for (const Transaction& t : transactions) groups[t.customer_id].push_back(t);
    return groups;
}

SpendingByCustomer spending_by_customer(const std::vector<Transaction>& transactions) {
    SpendingByCustomer out;
    for (const auto& [customer, own] : transactions_by_customer(transactions)) {
        out[customer] = spending_mix(own);
    }
    return out;
}

double share_of(const std::vector<CategorySpend>& mix, const std::string& category) {
    for (const CategorySpend& c : mix) {
        if (c.category == category) return c.share;
    }
    return 0;
}

}  // namespace bank
