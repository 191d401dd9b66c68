// How a customer spends, from their transactions: the share of outgoing money per merchant
// category. Feeds the profile text ("spends most on rent and travel") and the ranker's learned
// spending affinity. Money coming in (salary, refunds) is not spending and is left out.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/data/model.h"

namespace bank {

struct CategorySpend {
    std::string category;  // merchant category as written in the transactions
    double amount = 0;     // EUR out, positive
    double share = 0;      // of all money out, 0..1
};

// Largest share first, ties by category name, so the result never depends on transaction order.
std::vector<CategorySpend> spending_mix(const std::vector<Transaction>& transactions);

// Transactions grouped by customer id, each group in input order.
std::unordered_map<std::int64_t, std::vector<Transaction>> transactions_by_customer(
    const std::vector<Transaction>& transactions);

using SpendingByCustomer = std::unordered_map<std::int64_t, std::vector<CategorySpend>>;

// spending_mix of every customer that has transactions.
SpendingByCustomer spending_by_customer(const std::vector<Transaction>& transactions);

// Share of money out in one category (0 when absent).
double share_of(const std::vector<CategorySpend>& mix, const std::string& category);

}  // namespace bank
